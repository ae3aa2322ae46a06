package org.selfrenewal.server.renewal;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRecords;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.RenewalRecord;

/**
 * The certificate requests sent again after their answer was lost: the renewal already issued, so the same
 * proof over the same requests gets the same certificates back, and nothing new is issued. A proof that does
 * not verify, or requests for other keys, change nothing and are refused.
 */
final class CertificateRequestsRetry {

    private final CertificateIssuer issuer;
    private final URI service;
    private final CertificateRepository certificates = new CertificateRepository();

    CertificateRequestsRetry(CertificateIssuer issuer, URI service) {
        this.issuer = issuer;
        this.service = service;
    }

    IssuedCertificates issuedAgain(
            Connection c,
            RenewalRecord renewal,
            byte[] proof,
            byte[] authenticationCsrDer,
            byte[] signingCsrDer,
            PKCS10CertificationRequest authenticationCsr,
            PKCS10CertificationRequest signingCsr)
            throws SQLException {
        RenewalRules.possessionProven(
                CertificateCodec.parse(
                        certificate(c, renewal.oldAuthenticationCertId()).der()),
                service,
                renewal.id(),
                renewal.challenge(),
                authenticationCsrDer,
                signingCsrDer,
                proof,
                renewal.cardId());
        CertificateRecord authentication = certificate(c, renewal.newAuthenticationCertId());
        CertificateRecord signing = certificate(c, renewal.newSigningCertId());
        if (!sameKey(authentication, authenticationCsr) || !sameKey(signing, signingCsr)) {
            throw RenewalRefusal.of(
                            ErrorCode.RENEWAL_NOT_OPEN,
                            "renewal " + renewal.id() + " already issued certificates for other keys")
                    .forCard(renewal.cardId());
        }
        return new IssuedCertificates(
                CertificateCodec.base64(authentication.der()),
                CertificateCodec.base64(signing.der()),
                encodeAll(issuer.chain(CredentialPurpose.AUTHENTICATION)),
                encodeAll(issuer.chain(CredentialPurpose.SIGNING)));
    }

    private static boolean sameKey(CertificateRecord issued, PKCS10CertificationRequest request) {
        return issued.publicKeySha256().equals(CertificateRecords.publicKeySha256(request.getSubjectPublicKeyInfo()));
    }

    private CertificateRecord certificate(Connection c, Long id) throws SQLException {
        if (id == null) {
            throw new IllegalStateException("an issued renewal without its certificates");
        }
        return certificates.find(c, id).orElseThrow(() -> new IllegalStateException("certificate " + id + " missing"));
    }

    private static List<String> encodeAll(List<X509Certificate> chain) {
        return chain.stream().map(CertificateCodec::encode).toList();
    }
}
