package org.selfrenewal.card;

/** A certificate was offered for a key pair whose public key it does not contain; nothing was written. */
public class CertificateKeyMismatchException extends CardException {
    private static final long serialVersionUID = 1L;

    public CertificateKeyMismatchException() {
        super(
                CardProblem.KEY_MISMATCH,
                "The new certificate does not belong to the key that was created on your smartcard, so it was"
                        + " not stored. Start the renewal again; if it happens again, contact your Registration Authority.",
                null);
    }
}
