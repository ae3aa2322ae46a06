package org.selfrenewal.ca;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.selfrenewal.card.Slf4jPkcs11Logger;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.PKCS11Token;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.StaticLogger;
import org.xipki.pkcs11.wrapper.TokenException;
import org.xipki.pkcs11.wrapper.TokenInfo;

/**
 * One HSM token, logged in as user, through ipkcs11wrapper: finds the CA keys by CKA_LABEL and signs
 * with them on the token (CKM_SHA256_RSA_PKCS); the keys never leave it. One per library and token
 * per process (PKCS#11 login is per application), never finalised (the card layer may share the
 * library in the same process).
 */
final class HsmToken {

    private static final Map<String, HsmToken> OPEN = new HashMap<>();
    private static final Map<Path, PKCS11Module> MODULES = new HashMap<>();

    private final PKCS11Token token;
    private final Path library;
    private final String tokenLabel;

    private HsmToken(PKCS11Token token, Path library, String tokenLabel) {
        this.token = token;
        this.library = library;
        this.tokenLabel = tokenLabel;
    }

    /** The token of these settings, logged in with the PIN from its source. */
    static synchronized HsmToken open(HsmSettings settings) throws CaStoreException {
        String key = settings.library() + "\n" + settings.tokenLabel();
        HsmToken open = OPEN.get(key);
        if (open != null) {
            return open;
        }
        Slot slot = slot(module(settings.library()), settings);
        char[] pin = settings.pin().read();
        try {
            HsmToken token = new HsmToken(
                    new PKCS11Token(slot.getToken(), true, pin), settings.library(), settings.tokenLabel());
            OPEN.put(key, token);
            return token;
        } catch (TokenException e) {
            String reason = e instanceof PKCS11Exception p11 ? p11.getErrorName() : e.getMessage();
            if (reason != null && (reason.contains("PIN_INCORRECT") || reason.contains("PIN_LEN_RANGE"))) {
                throw new CaStoreException("The HSM token '" + settings.tokenLabel() + "' refused the PIN from "
                        + settings.pin().describe() + " (" + reason + ")");
            }
            if (reason != null && reason.contains("PIN_LOCKED")) {
                throw new CaStoreException("The HSM token '" + settings.tokenLabel() + "' has its user PIN locked");
            }
            throw new CaStoreException("Cannot log in to the HSM token '" + settings.tokenLabel() + "': " + reason, e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** The private key labelled {@code keyLabel}, checked to belong to {@code certificateKey}. */
    CaKey key(String keyLabel, PublicKey certificateKey, String caName) throws CaStoreException {
        long handle;
        try {
            long[] handles = token.findObjects(
                    new AttributeVector().class_(CKO_PRIVATE_KEY).label(keyLabel), 2);
            if (handles.length == 0) {
                throw new CaStoreException("The HSM token '" + tokenLabel + "' has no private key labelled '" + keyLabel
                        + "' (for the " + caName + ")");
            }
            if (handles.length > 1) {
                throw new CaStoreException("The HSM token '" + tokenLabel + "' has more than one private key "
                        + "labelled '" + keyLabel + "': label the " + caName + "'s key uniquely");
            }
            handle = handles[0];
            if (certificateKey instanceof RSAPublicKey rsa) {
                BigInteger modulus = token.getAttrValues(handle, CKA_MODULUS).modulus();
                if (modulus != null && !modulus.equals(rsa.getModulus())) {
                    throw new CaStoreException("The " + caName + " certificate's public key does not match the HSM "
                            + "key '" + keyLabel + "' on token '" + tokenLabel + "': import the certificate issued "
                            + "for that key, or name the right key");
                }
            }
        } catch (TokenException e) {
            throw new CaStoreException(
                    "Cannot look for the key '" + keyLabel + "' on the HSM token '" + tokenLabel + "': "
                            + e.getMessage(),
                    e);
        }
        CaKey key = new Pkcs11CaKey(handle, keyLabel);
        try {
            if (!key.signsFor(certificateKey)) {
                throw new CaStoreException("The " + caName + " certificate's public key does not match the HSM key '"
                        + keyLabel + "' on token '" + tokenLabel + "' (its test signature does not verify)");
            }
        } catch (GeneralSecurityException e) {
            throw new CaStoreException(
                    "The HSM key '" + keyLabel + "' on token '" + tokenLabel + "' does not sign: " + e.getMessage(), e);
        }
        return key;
    }

    private static PKCS11Module module(Path library) throws CaStoreException {
        PKCS11Module existing = MODULES.get(library);
        if (existing != null) {
            return existing;
        }
        if (!Files.isRegularFile(library)) {
            throw new CaStoreException("The HSM's PKCS#11 library " + library + " is not there");
        }
        if (MODULES.isEmpty()) {
            StaticLogger.setLogger(new Slf4jPkcs11Logger());
        }
        PKCS11Module module;
        try {
            module = PKCS11Module.getInstance(library.toString());
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new CaStoreException(
                    "The HSM's PKCS#11 library " + library + " cannot be loaded: " + e.getMessage(), e);
        }
        try {
            module.initialize();
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw new CaStoreException(
                        "The HSM's PKCS#11 library " + library + " failed to start: " + e.getErrorName(), e);
            }
        }
        MODULES.put(library, module);
        return module;
    }

    private static Slot slot(PKCS11Module module, HsmSettings settings) throws CaStoreException {
        List<String> seen = new ArrayList<>();
        List<Slot> matches = new ArrayList<>();
        try {
            for (Slot slot : module.getSlotList(true)) {
                TokenInfo info = slot.getToken().getTokenInfo();
                String label = info.getLabel() == null ? "" : info.getLabel().trim();
                if (!info.isTokenInitialized()) {
                    continue;
                }
                seen.add("'" + label + "'");
                if (label.equals(settings.tokenLabel().trim())) {
                    matches.add(slot);
                }
            }
        } catch (PKCS11Exception e) {
            throw new CaStoreException("Cannot list the HSM's tokens: " + e.getErrorName(), e);
        }
        if (matches.isEmpty()) {
            throw new CaStoreException("No HSM token labelled '" + settings.tokenLabel() + "' through "
                    + settings.library() + " (tokens seen: " + (seen.isEmpty() ? "none" : String.join(", ", seen))
                    + ")");
        }
        if (matches.size() > 1) {
            throw new CaStoreException("More than one HSM token is labelled '" + settings.tokenLabel() + "'");
        }
        return matches.get(0);
    }

    /** A private key on this token, used by handle. */
    private final class Pkcs11CaKey extends CaKey {
        private final long handle;
        private final String keyLabel;

        Pkcs11CaKey(long handle, String keyLabel) {
            this.handle = handle;
            this.keyLabel = keyLabel;
        }

        @Override
        public String location() {
            return "PKCS#11 key '" + keyLabel + "' on token '" + tokenLabel + "' (" + library + ")";
        }

        @Override
        byte[] sign(byte[] data) throws GeneralSecurityException {
            try {
                return token.sign(new Mechanism(CKM_SHA256_RSA_PKCS), handle, data);
            } catch (TokenException e) {
                throw new GeneralSecurityException("the HSM did not sign: " + e.getMessage(), e);
            }
        }
    }
}
