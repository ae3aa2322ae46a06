package org.selfrenewal.card;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * A credential on the card: a private key and its certificate, sharing one CKA_ID.
 *
 * @param id        CKA_ID as lower-case hex
 * @param label     CKA_LABEL of the certificate (may be empty)
 * @param purpose   derived from the certificate, see {@link CredentialPurposes#of(X509Certificate)}
 * @param notAfter  end of the certificate's validity
 */
public record CardCredential(
        String id, String label, X509Certificate certificate, CredentialPurpose purpose, Instant notAfter)
        implements CardKey {

    public CardCredential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(notAfter, "notAfter");
        label = label == null ? "" : label;
    }

    /** Builds a credential from what is on the card, deriving purpose and expiry from the certificate. */
    public static CardCredential of(String id, String label, X509Certificate certificate) {
        return new CardCredential(
                id,
                label,
                certificate,
                CredentialPurposes.of(certificate),
                certificate.getNotAfter().toInstant());
    }

    @Override
    public String toString() {
        return purpose.plainName() + " credential " + id + " '" + label + "' (" + certificate.getSubjectX500Principal()
                + ", expires " + notAfter + ")";
    }
}
