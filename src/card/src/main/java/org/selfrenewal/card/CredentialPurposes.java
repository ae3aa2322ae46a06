package org.selfrenewal.card;

import java.security.cert.X509Certificate;
import org.selfrenewal.protocol.CredentialPurpose;

/** Tells from a certificate which of the card's two credentials it belongs to. */
public final class CredentialPurposes {

    private static final int NON_REPUDIATION = 1; // a.k.a. contentCommitment

    private CredentialPurposes() {}

    /** KeyUsage nonRepudiation (contentCommitment) set means SIGNING; anything else AUTHENTICATION. */
    public static CredentialPurpose of(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        boolean nonRepudiation = keyUsage != null && keyUsage.length > NON_REPUDIATION && keyUsage[NON_REPUDIATION];
        return nonRepudiation ? CredentialPurpose.SIGNING : CredentialPurpose.AUTHENTICATION;
    }
}
