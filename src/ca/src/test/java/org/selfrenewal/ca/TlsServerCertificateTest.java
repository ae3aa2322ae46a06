package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsServerCertificateTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:30:15Z");

    @TempDir
    static Path directory;

    static CaHierarchy hierarchy;
    static KeyPair serverKey;

    @BeforeAll
    static void createHierarchy() throws Exception {
        hierarchy = DevelopmentHierarchy.create(directory, "pw".toCharArray(), Clock.fixed(NOW, ZoneOffset.UTC));
        serverKey = TestCertificates.rsa2048("server");
    }

    @Test
    void serverCertificateHasServerAuthAndTheNames() throws Exception {
        X509Certificate certificate = hierarchy.issueTlsServerCertificate(
                serverKey, List.of("localhost", "renewal.test"), List.of("127.0.0.1", "::1"), Duration.ofDays(365));

        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage());
        assertArrayEquals(
                new boolean[] {true, false, true, false, false, false, false, false, false}, certificate.getKeyUsage());
        assertEquals(-1, certificate.getBasicConstraints());
        assertEquals(
                "CN=localhost,O=Smartcard Self-Renewal (development),C=GB",
                certificate.getSubjectX500Principal().getName());
        assertTrue(certificate
                .getSubjectAlternativeNames()
                .containsAll(List.of(List.of(2, "localhost"), List.of(2, "renewal.test"), List.of(7, "127.0.0.1"))));
        assertEquals(4, certificate.getSubjectAlternativeNames().size());
        assertEquals(
                NOW.minus(Duration.ofMinutes(5)), certificate.getNotBefore().toInstant());
        assertEquals(NOW.plus(Duration.ofDays(365)), certificate.getNotAfter().toInstant());
        certificate.verify(hierarchy.rootCertificate().getPublicKey());
    }

    @Test
    void jdkPathValidationAcceptsItUnderTheRoot() throws Exception {
        X509Certificate certificate = hierarchy.issueTlsServerCertificate(
                TestCertificates.spki(serverKey), List.of("localhost"), List.of(), Duration.ofDays(30));

        validatesUnderTheRoot(certificate);
    }

    @Test
    void ecdsaP256KeyGetsACertificateThatOnlySigns() throws Exception {
        KeyPair ecKey = TestCertificates.keyPair("EC", 256, "server");
        X509Certificate certificate = hierarchy.issueTlsServerCertificate(
                ecKey, List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(30));

        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertArrayEquals(
                new boolean[] {true, false, false, false, false, false, false, false, false},
                certificate.getKeyUsage());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage());
        validatesUnderTheRoot(certificate);
    }

    @Test
    void otherCurvesAndPointsOffTheCurveAreRefused() {
        UnacceptablePublicKeyException p384 = assertThrows(
                UnacceptablePublicKeyException.class,
                () -> forADayForLocalhost(TestCertificates.spki(TestCertificates.keyPair("EC", 384, "server"))));
        assertEquals(
                "An EC key for a TLS server certificate must be on the named curve P-256 (secp256r1)",
                p384.getMessage());

        SubjectPublicKeyInfo valid = TestCertificates.spki(TestCertificates.keyPair("EC", 256, "server"));
        byte[] point = valid.getPublicKeyData().getOctets();
        point[point.length - 1] ^= 1; // y no longer matches x
        SubjectPublicKeyInfo offCurve = new SubjectPublicKeyInfo(valid.getAlgorithm(), point);
        UnacceptablePublicKeyException refused =
                assertThrows(UnacceptablePublicKeyException.class, () -> forADayForLocalhost(offCurve));
        assertEquals("The EC public key is not a point on P-256", refused.getMessage());
    }

    @Test
    void badNamesAndKeysAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> hierarchy.issueTlsServerCertificate(serverKey, List.of(), List.of(), Duration.ofDays(1)));
        IllegalArgumentException ip = assertThrows(
                IllegalArgumentException.class,
                () -> hierarchy.issueTlsServerCertificate(
                        serverKey, List.of(), List.of("300.1.1.1"), Duration.ofDays(1)));
        assertEquals("Not an IP address: '300.1.1.1'", ip.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> hierarchy.issueTlsServerCertificate(
                        serverKey, List.of("bad name"), List.of(), Duration.ofDays(1)));
        assertThrows(
                UnacceptablePublicKeyException.class,
                () -> forADayForLocalhost(TestCertificates.spki(TestCertificates.keyPair("RSA", 1024, "weak"))));
        assertThrows(
                IssuanceRefusedException.class,
                () -> hierarchy.issueTlsServerCertificate(
                        serverKey, List.of("localhost"), List.of(), Duration.ofDays(365 * 25)));
    }

    /** A day's TLS server certificate for localhost, for {@code key}. */
    private X509Certificate forADayForLocalhost(SubjectPublicKeyInfo key) throws Exception {
        return hierarchy.issueTlsServerCertificate(key, List.of("localhost"), List.of(), Duration.ofDays(1));
    }

    /** The JDK's PKIX path validation accepts {@code certificate} under the development root at {@code NOW}. */
    private void validatesUnderTheRoot(X509Certificate certificate) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(hierarchy.rootCertificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }
}
