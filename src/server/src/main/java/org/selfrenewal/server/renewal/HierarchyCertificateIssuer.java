package org.selfrenewal.server.renewal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.IssuanceRefusedException;
import org.selfrenewal.ca.IssueRequest;
import org.selfrenewal.ca.NotIssuedByUsException;
import org.selfrenewal.protocol.CredentialPurpose;

/** Renewal issuance by our Bouncy Castle CA hierarchy. */
public final class HierarchyCertificateIssuer implements CertificateIssuer {

    private final CaHierarchy hierarchy;

    public HierarchyCertificateIssuer(CaHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @Override
    public X509Certificate renew(
            CredentialPurpose purpose, X509Certificate template, SubjectPublicKeyInfo newKey, Instant validFrom) {
        try {
            return hierarchy.issue(IssueRequest.forPurpose(purpose)
                    .copySubjectAndAltNamesFrom(template)
                    .publicKey(newKey)
                    .validFrom(validFrom));
        } catch (IssuanceRefusedException e) {
            throw RenewalRefusal.of(RefusalReason.KEY_NOT_ACCEPTED, "CA refused: " + e.getMessage());
        }
    }

    @Override
    public List<X509Certificate> chain(CredentialPurpose purpose) {
        return hierarchy.chain(purpose);
    }

    @Override
    public boolean isIssuedByUs(X509Certificate certificate, CredentialPurpose purpose) {
        try {
            return hierarchy.verifyIssuedByUs(certificate) == purpose;
        } catch (NotIssuedByUsException e) {
            return false;
        }
    }
}
