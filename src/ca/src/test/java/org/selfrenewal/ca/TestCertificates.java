package org.selfrenewal.ca;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and foreign certificates for tests. */
final class TestCertificates {

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    private TestCertificates() {}

    /** A cached key pair, e.g. {@code keyPair("RSA", 2048, "card-1")}. */
    static KeyPair keyPair(String algorithm, int bits, String label) {
        return KEYS.computeIfAbsent(algorithm + bits + label, k -> {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
                generator.initialize(bits);
                return generator.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static KeyPair rsa2048(String label) {
        return keyPair("RSA", 2048, label);
    }

    static SubjectPublicKeyInfo spki(KeyPair keyPair) {
        return SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
    }

    /** A smartcard-like subject with a PrintableString CN, to check the encoding is kept. */
    static X500Name cardHolderName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, new DERPrintableString("nhs"))
                .addRDN(BCStyle.OU, new DERPrintableString("People"))
                .addRDN(BCStyle.SERIALNUMBER, new DERPrintableString("555123456789"))
                .addRDN(BCStyle.CN, new DERPrintableString(commonName))
                .build();
    }

    /** rfc822Name plus a Microsoft UPN otherName, as smartcard-logon certificates carry. */
    static GeneralNames cardHolderAltNames(String email) {
        DERSequence upn = new DERSequence(new ASN1Encodable[] {
            new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"),
            new DERTaggedObject(true, 0, new DERUTF8String("555123456789@nhs.example"))
        });
        return new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.rfc822Name, email), new GeneralName(GeneralName.otherName, upn)
        });
    }

    /**
     * A self-signed "old card certificate" from somebody else, with a subject, an optional SAN and
     * an extra extension that the CA must not copy.
     */
    static X509Certificate template(X500Name subject, GeneralNames altNames, KeyPair keyPair) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                BigInteger.valueOf(42),
                Date.from(now.minus(Duration.ofDays(700))),
                Date.from(now.plus(Duration.ofDays(30))),
                subject,
                keyPair.getPublic());
        if (altNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, altNames);
        }
        builder.addExtension(
                Extension.subjectDirectoryAttributes, false, new DERSequence(new DERSequence(new ASN1Encodable[] {
                    BCStyle.COUNTRY_OF_CITIZENSHIP, new DERSet(new DERPrintableString("GB"))
                })));
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
    }

    static String sha256Fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /** The inner value of an extension, or null. */
    static byte[] extensionValue(X509Certificate certificate, ASN1ObjectIdentifier oid) {
        byte[] wrapped = certificate.getExtensionValue(oid.getId());
        return wrapped == null ? null : ASN1OctetString.getInstance(wrapped).getOctets();
    }
}
