package org.selfrenewal.card;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.selfrenewal.protocol.CredentialPurpose;

/** A software test CA issuing card certificates (stand-in for the real CA module). */
public final class TestCa {

    private static final X500Name NAME = new X500Name("CN=Test Card CA,O=Self-renewal tests");
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    private static KeyPair caKeys;

    private TestCa() {}

    private static synchronized KeyPair caKeys() throws GeneralSecurityException {
        if (caKeys == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            caKeys = g.generateKeyPair();
        }
        return caKeys;
    }

    /** An end-entity certificate for {@code key}; SIGNING gets nonRepudiation, AUTHENTICATION does not. */
    public static X509Certificate issue(PublicKey key, X500Name subject, CredentialPurpose purpose, Instant notAfter)
            throws Exception {
        int usage = purpose == CredentialPurpose.SIGNING
                ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        Instant notBefore = Instant.now().minus(Duration.ofMinutes(5));
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                NAME,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore),
                Date.from(notAfter),
                subject,
                key);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys().getPrivate())));
    }

    /** A software RSA public key that is not on any card. */
    public static PublicKey foreignKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair().getPublic();
    }
}
