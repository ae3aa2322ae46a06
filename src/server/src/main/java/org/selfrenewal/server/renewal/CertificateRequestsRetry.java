package org.selfrenewal.server.renewal;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRecords;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.RenewalRecord;

/**
 * The certificate requests sent again after their answer was lost: the renewal already issued, so the same
 * proof over the same keys gets the same certificates back, and nothing new is issued. A proof that does not
 * verify, or requests for other keys, change nothing and are refused.
 */
final class CertificateRequestsRetry {

    private final CertificateIssuer issuer;
    private final CertificateRepository certificates = new CertificateRepository();

    CertificateRequestsRetry(CertificateIssuer issuer) {
        this.issuer = issuer;
    }

    RenewalCore.Issued issuedAgain(
            Connection c,
            RenewalRecord renewal,
            Proof possession,
            NewKeyRequest authenticationKey,
            NewKeyRequest signingKey)
            throws SQLException {
        X509Certificate currentAuthentication = CertificateCodec.parse(
                certificate(c, renewal.oldAuthenticationCertId()).der());
        RenewalRules.possessionProven(possession, currentAuthentication, renewal, renewal.cardId());
        CertificateRecord authentication = certificate(c, renewal.newAuthenticationCertId());
        CertificateRecord signing = certificate(c, renewal.newSigningCertId());
        if (!sameKey(authentication, authenticationKey) || !sameKey(signing, signingKey)) {
            throw RenewalRefusal.of(
                            RefusalReason.RENEWAL_NOT_OPEN,
                            "renewal " + renewal.id() + " already issued certificates for other keys")
                    .forCard(renewal.cardId());
        }
        return new RenewalCore.Issued(
                CertificateCodec.parse(authentication.der()),
                CertificateCodec.parse(signing.der()),
                issuer.chain(CredentialPurpose.AUTHENTICATION),
                issuer.chain(CredentialPurpose.SIGNING));
    }

    private static boolean sameKey(CertificateRecord issued, NewKeyRequest request) {
        return issued.publicKeySha256().equals(CertificateRecords.publicKeySha256(request.publicKey()));
    }

    private CertificateRecord certificate(Connection c, Long id) throws SQLException {
        if (id == null) {
            throw new IllegalStateException("an issued renewal without its certificates");
        }
        return certificates.find(c, id).orElseThrow(() -> new IllegalStateException("certificate " + id + " missing"));
    }
}
