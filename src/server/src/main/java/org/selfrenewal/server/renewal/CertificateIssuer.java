package org.selfrenewal.server.renewal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.selfrenewal.protocol.CredentialPurpose;

/** What the renewal service needs from the CA. */
public interface CertificateIssuer {

    /**
     * Issues a certificate for {@code newKey} with the profile of {@code purpose}, taking subject and
     * subject alternative names from {@code template} (the certificate being renewed) and nothing from
     * any request. Valid from {@code validFrom} for the profile's lifetime (two years).
     */
    X509Certificate renew(
            CredentialPurpose purpose, X509Certificate template, SubjectPublicKeyInfo newKey, Instant validFrom);

    /** The issuing CA certificate then the root. */
    List<X509Certificate> chain(CredentialPurpose purpose);

    /** Whether the certificate's signature verifies against our issuing CA for that purpose. */
    boolean isIssuedByUs(X509Certificate certificate, CredentialPurpose purpose);
}
