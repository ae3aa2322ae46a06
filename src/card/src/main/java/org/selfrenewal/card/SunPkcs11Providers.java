package org.selfrenewal.card;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.concurrent.atomic.AtomicLong;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * Creates SunPKCS11 provider instances (never registered with {@link Security}). All instances for
 * one library share the native library and its login state. Key generation attributes are fixed per
 * instance, so each generated key pair gets its own instance (measured: 40-50 ms for the first
 * instance in a JVM, 1-2 ms for later ones).
 */
final class SunPkcs11Providers {

    private static final AtomicLong COUNTER = new AtomicLong();

    private SunPkcs11Providers() {}

    /** A provider for login, reading the key store and signing with existing keys. */
    static Provider forSlot(Path library, long slotId) throws CardException {
        return configure(baseConfig("Card", library, slotId));
    }

    /**
     * A provider whose RSA key pair generator creates persistent, private, sensitive, non-extractable
     * keys with the given CKA_ID and CKA_LABEL (on private and public key).
     *
     * <p>Usage is set on the private key only (CKA_SIGN; CKA_DECRYPT for authentication keys). The public
     * key's CKA_VERIFY / CKA_ENCRYPT are left to the token: tpm2-pkcs11 maps CKA_VERIFY onto the TPM's
     * decrypt bit and CKA_ENCRYPT onto its sign bit, and refuses a template in which they disagree with
     * the private key's usage (CKR_GENERAL_ERROR). Signatures are verified in software, never on the card.
     */
    static Provider forKeyGeneration(Path library, long slotId, byte[] id, String label, CredentialPurpose purpose)
            throws CardException {
        if (id.length == 0 || (id[0] & 0xFF) == 0 || (id[0] & 0x80) != 0) {
            throw new IllegalArgumentException("CKA_ID must start with a byte 0x01..0x7F to survive SunPKCS11 parsing");
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        if (labelBytes.length == 0 || (labelBytes[0] & 0x80) != 0) {
            throw new IllegalArgumentException("label must start with an ASCII character");
        }
        String idHex = KeyIds.hex(id);
        String labelHex = KeyIds.hex(labelBytes);
        String config = baseConfig("KeyGen", library, slotId)
                + "attributes(generate, CKO_PRIVATE_KEY, CKK_RSA) = {\n"
                + "  CKA_TOKEN = true\n"
                + "  CKA_PRIVATE = true\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "  CKA_SIGN = true\n"
                + "  CKA_DECRYPT = " + (purpose == CredentialPurpose.AUTHENTICATION) + "\n"
                + "  CKA_ID = 0h" + idHex + "\n"
                + "  CKA_LABEL = 0h" + labelHex + "\n"
                + "}\n"
                + "attributes(generate, CKO_PUBLIC_KEY, CKK_RSA) = {\n"
                + "  CKA_TOKEN = true\n"
                + "  CKA_PRIVATE = false\n"
                + "  CKA_ID = 0h" + idHex + "\n"
                + "  CKA_LABEL = 0h" + labelHex + "\n"
                + "}\n";
        return configure(config);
    }

    private static String baseConfig(String role, Path library, long slotId) {
        String lib = library.toAbsolutePath().toString();
        if (lib.contains("\"")) {
            throw new IllegalArgumentException("library path must not contain a double quote");
        }
        return "--name = SelfRenewal" + role + COUNTER.incrementAndGet() + "\n"
                + "library = \"" + lib + "\"\n"
                + "slot = " + slotId + "\n";
    }

    private static Provider configure(String config) throws CardException {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new CardOperationException("This Java runtime has no smartcard (PKCS#11) support. Install the"
                    + " full Java runtime, then try again.");
        }
        try {
            return base.configure(config);
        } catch (ProviderException | IllegalArgumentException e) {
            String detail = String.valueOf(
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            if (detail.contains("CKR_SLOT_ID_INVALID") || detail.contains("CKR_TOKEN_NOT_PRESENT")) {
                throw new CardNotFoundException("the smartcard slot is no longer there", e);
            }
            throw new CardOperationException(
                    "Your smartcard could not be opened. Remove and re-insert it, then" + " try again.", e);
        }
    }
}
