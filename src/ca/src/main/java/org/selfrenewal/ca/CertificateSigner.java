package org.selfrenewal.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs certificates with one issuer key (SHA256withRSA): fills in the issuer name, a random serial
 * number, the SubjectKeyIdentifier of the subject key and the AuthorityKeyIdentifier of the issuer.
 * The caller supplies the profile-specific extensions.
 */
final class CertificateSigner {

    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private static final BcX509ExtensionUtils EXTENSION_UTILS = new BcX509ExtensionUtils();

    private final X500Name issuerName;
    private final CaKey issuerKey;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;
    private final SerialNumberGenerator serialNumbers;

    private CertificateSigner(X500Name issuerName, CaKey issuerKey, byte[] issuerKeyIdentifier, SecureRandom random) {
        this.issuerName = issuerName;
        this.issuerKey = Objects.requireNonNull(issuerKey, "issuerKey");
        this.authorityKeyIdentifier =
                issuerKeyIdentifier == null ? null : new AuthorityKeyIdentifier(issuerKeyIdentifier);
        this.serialNumbers = new SerialNumberGenerator(random);
    }

    /** A signer for certificates issued by {@code issuerCertificate}. */
    static CertificateSigner forIssuer(X509Certificate issuerCertificate, CaKey issuerKey, SecureRandom random) {
        return new CertificateSigner(
                subjectOf(issuerCertificate), issuerKey, keyIdentifierOf(issuerCertificate), random);
    }

    /** A signer for one self-signed certificate (no AuthorityKeyIdentifier). */
    static CertificateSigner selfSigned(X500Name name, CaKey key, SecureRandom random) {
        return new CertificateSigner(name, key, null, random);
    }

    X509Certificate sign(
            X500Name subject,
            SubjectPublicKeyInfo publicKey,
            Instant notBefore,
            Instant notAfter,
            List<Extension> extensions) {
        BigInteger serial = serialNumbers.next();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        try {
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, EXTENSION_UTILS.createSubjectKeyIdentifier(publicKey));
            if (authorityKeyIdentifier != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
            }
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            ContentSigner contentSigner = issuerKey.contentSigner();
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("Could not sign a certificate for " + subject, e);
        }
    }

    static X500Name subjectOf(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /** The certificate's SubjectKeyIdentifier, or a freshly computed one if it has none. */
    static byte[] keyIdentifierOf(X509Certificate certificate) {
        byte[] extensionValue = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extensionValue != null) {
            return SubjectKeyIdentifier.getInstance(
                            ASN1OctetString.getInstance(extensionValue).getOctets())
                    .getKeyIdentifier();
        }
        return EXTENSION_UTILS
                .createSubjectKeyIdentifier(SubjectPublicKeyInfo.getInstance(
                        certificate.getPublicKey().getEncoded()))
                .getKeyIdentifier();
    }

    static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException("Could not encode extension " + oid, e);
        }
    }
}
