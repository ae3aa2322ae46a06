package org.selfrenewal.card;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_SO;

import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.TokenInfo;

/**
 * Initialises a blank token inside this process (C_InitToken on the first slot holding an
 * uninitialised token, then C_InitPIN as security officer). Used for SoftHSM2 virtual cards: a
 * process that has already initialised SoftHSM2 does not see tokens that other processes create
 * afterwards, but it does see tokens it initialises itself.
 */
public final class TokenInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(TokenInitializer.class);
    private static final int LABEL_LENGTH = 32;

    private TokenInitializer() {}

    /**
     * Initialises the first blank token of {@code library} with {@code label}, security-officer PIN
     * and user PIN. PINs are not kept; the caller wipes its arrays.
     *
     * @return the slot id the token has in this process (SoftHSM2 gives it another id in later processes;
     *         find it by label there)
     */
    public static long initialiseBlankToken(Path library, String label, char[] soPin, char[] userPin)
            throws CardException {
        checkLabel(label);
        PKCS11Module module = Pkcs11Modules.get(library);
        synchronized (TokenInitializer.class) {
            try {
                Slot blank = null;
                for (Slot slot : module.getSlotList(true)) {
                    TokenInfo info = slot.getToken().getTokenInfo();
                    if (info.isTokenInitialized()
                            && SlotResolver.trimmedLabel(info).equals(label)) {
                        throw new CardOperationException(
                                "A card labelled '" + label + "' already exists. Choose" + " another label.");
                    }
                    if (blank == null && !info.isTokenInitialized()) {
                        blank = slot;
                    }
                }
                if (blank == null) {
                    throw new CardOperationException("There is no blank token to initialise.");
                }
                char[] paddedLabel = Arrays.copyOf(label.toCharArray(), LABEL_LENGTH);
                Arrays.fill(paddedLabel, label.length(), LABEL_LENGTH, ' ');
                module.getPKCS11Module().C_InitToken(blank.getSlotID(), soPin, paddedLabel, true);
                Session session = blank.getToken().openSession(true);
                try {
                    session.login(CKU_SO, soPin);
                    session.initPIN(userPin);
                    session.logout();
                } finally {
                    session.closeSession();
                }
                LOG.info("Initialised token '{}' in slot {}", label, blank.getSlotID());
                return blank.getSlotID();
            } catch (CardException e) {
                throw e;
            } catch (Exception e) {
                throw new CardOperationException("The new card could not be initialised: " + e.getMessage(), e);
            }
        }
    }

    static void checkLabel(String label) {
        if (label == null
                || label.isBlank()
                || label.length() > LABEL_LENGTH
                || !label.chars().allMatch(c -> c >= 0x20 && c < 0x7F)
                || !label.equals(label.trim())) {
            throw new IllegalArgumentException("A token label is 1-32 printable ASCII characters without"
                    + " leading or trailing spaces: '" + label + "'");
        }
    }
}
