package org.selfrenewal.ca;

/**
 * The public key to be certified is not acceptable: not an RSA key, an RSA key shorter than
 * {@link RsaKeyPolicy#MINIMUM_MODULUS_BITS} bits, or a malformed key.
 */
public class UnacceptablePublicKeyException extends IssuanceRefusedException {

    private static final long serialVersionUID = 1L;

    public UnacceptablePublicKeyException(String message) {
        super(message);
    }

    public UnacceptablePublicKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
