package org.selfrenewal.server.persistence;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;

/** Turns an issued certificate into the facts the database keeps about it. */
public final class CertificateRecords {

    private CertificateRecords() {}

    /** The facts the database keeps about a certificate about to be stored. */
    public static CertificateRepository.NewCertificate newCertificate(
            long cardId, CredentialPurpose purpose, X509Certificate certificate, String renewalId) {
        try {
            return new CertificateRepository.NewCertificate(
                    cardId,
                    purpose,
                    CertificateCodec.serialHex(certificate),
                    certificate.getIssuerX500Principal().getName(),
                    certificate.getSubjectX500Principal().getName(),
                    CertificateCodec.fingerprint(certificate),
                    publicKeySha256(SubjectPublicKeyInfo.getInstance(
                            certificate.getPublicKey().getEncoded())),
                    certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(),
                    certificate.getEncoded(),
                    renewalId);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo: spots a key certified before. */
    public static String publicKeySha256(SubjectPublicKeyInfo key) {
        try {
            return CertificateCodec.sha256Hex(key.getEncoded());
        } catch (IOException e) {
            throw new IllegalArgumentException("public key cannot be encoded", e);
        }
    }
}
