package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.protocol.CredentialPurpose;

class IssuanceTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:30:15.750Z");
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36";

    @TempDir
    static Path directory;

    static CaHierarchy hierarchy;
    static KeyPair cardKey;

    @BeforeAll
    static void createHierarchy() throws Exception {
        hierarchy = DevelopmentHierarchy.create(directory, "pw".toCharArray(), Clock.fixed(NOW, ZoneOffset.UTC));
        cardKey = TestCertificates.rsa2048("card");
    }

    private static IssueRequest request(CredentialPurpose purpose) {
        return IssueRequest.forPurpose(purpose)
                .subject(TestCertificates.cardHolderName("Jane Example"))
                .publicKey(TestCertificates.spki(cardKey));
    }

    @Test
    void authenticationCertificateFollowsItsProfile() throws Exception {
        X509Certificate certificate =
                hierarchy.issuerFor(CredentialPurpose.AUTHENTICATION).issue(request(CredentialPurpose.AUTHENTICATION));

        // digitalSignature(0), keyEncipherment(2)
        assertArrayEquals(
                new boolean[] {true, false, true, false, false, false, false, false, false}, certificate.getKeyUsage());
        assertEquals(List.of(CLIENT_AUTH), certificate.getExtendedKeyUsage());
        assertCommonEndEntityContent(certificate, CredentialPurpose.AUTHENTICATION);
    }

    @Test
    void signingCertificateFollowsItsProfile() throws Exception {
        X509Certificate certificate =
                hierarchy.issuerFor(CredentialPurpose.SIGNING).issue(request(CredentialPurpose.SIGNING));

        // digitalSignature(0), nonRepudiation(1)
        assertArrayEquals(
                new boolean[] {true, true, false, false, false, false, false, false, false}, certificate.getKeyUsage());
        assertEquals(List.of(DOCUMENT_SIGNING), certificate.getExtendedKeyUsage());
        assertCommonEndEntityContent(certificate, CredentialPurpose.SIGNING);
    }

    private static void assertCommonEndEntityContent(X509Certificate certificate, CredentialPurpose purpose)
            throws Exception {
        X509Certificate issuer = hierarchy.issuerFor(purpose).certificate();
        certificate.verify(issuer.getPublicKey());
        assertEquals(issuer.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals("SHA256withRSA", certificate.getSigAlgName());
        assertEquals(-1, certificate.getBasicConstraints(), "CA:false");
        assertTrue(certificate
                .getCriticalExtensionOIDs()
                .containsAll(Set.of(Extension.basicConstraints.getId(), Extension.keyUsage.getId())));
        assertEquals(
                Set.of(Extension.basicConstraints.getId(), Extension.keyUsage.getId()),
                certificate.getCriticalExtensionOIDs());

        byte[] issuerSki = SubjectKeyIdentifier.getInstance(
                        TestCertificates.extensionValue(issuer, Extension.subjectKeyIdentifier))
                .getKeyIdentifier();
        byte[] aki = AuthorityKeyIdentifier.getInstance(
                        TestCertificates.extensionValue(certificate, Extension.authorityKeyIdentifier))
                .getKeyIdentifier();
        assertArrayEquals(issuerSki, aki, "AKI matches the issuer's SKI");

        byte[] ski = SubjectKeyIdentifier.getInstance(
                        TestCertificates.extensionValue(certificate, Extension.subjectKeyIdentifier))
                .getKeyIdentifier();
        assertArrayEquals(
                new BcX509ExtensionUtils()
                        .createSubjectKeyIdentifier(TestCertificates.spki(cardKey))
                        .getKeyIdentifier(),
                ski,
                "SKI is the key's SHA-1 identifier");

        CertificatePolicies policies = CertificatePolicies.getInstance(
                TestCertificates.extensionValue(certificate, Extension.certificatePolicies));
        assertEquals(
                CertificateProfile.forPurpose(purpose).certificatePolicy(),
                policies.getPolicyInformation()[0].getPolicyIdentifier());

        BigInteger serial = certificate.getSerialNumber();
        assertTrue(serial.signum() > 0, "positive serial");
        assertTrue(serial.bitLength() >= 64, "serial has at least 64 bits: " + serial.bitLength());
        assertTrue(serial.toByteArray().length <= 20, "serial fits 20 octets");
    }

    @Test
    void serialNumbersAreUnique() throws Exception {
        IssuingCa ca = hierarchy.issuerFor(CredentialPurpose.AUTHENTICATION);
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            serials.add(ca.issue(request(CredentialPurpose.AUTHENTICATION)).getSerialNumber());
        }
        assertEquals(100, serials.size());
    }

    @Test
    void validByDefaultFromNowForTwoYears() throws Exception {
        X509Certificate certificate = hierarchy.issue(request(CredentialPurpose.AUTHENTICATION));

        assertEquals(
                Instant.parse("2026-11-20T09:30:15Z"),
                certificate.getNotBefore().toInstant());
        assertEquals(
                Instant.parse("2028-11-20T09:30:15Z"), certificate.getNotAfter().toInstant());
        assertEquals(
                Period.ofYears(2),
                CertificateProfile.forPurpose(CredentialPurpose.SIGNING).validity());
    }

    @Test
    void notAfterIsValidFromPlusTwoYears() throws Exception {
        X509Certificate certificate =
                hierarchy.issue(request(CredentialPurpose.SIGNING).validFrom(Instant.parse("2025-03-01T12:00:00Z")));

        assertEquals(
                Instant.parse("2025-03-01T12:00:00Z"),
                certificate.getNotBefore().toInstant());
        assertEquals(
                Instant.parse("2027-03-01T12:00:00Z"), certificate.getNotAfter().toInstant());
    }

    @Test
    void registrationAuthorityMayBackdateAndChooseTheEnd() throws Exception {
        Instant twoYearsAgo = NOW.atOffset(ZoneOffset.UTC).minusYears(2).toInstant();
        Instant inTenDays = NOW.plus(10, ChronoUnit.DAYS);

        X509Certificate certificate = hierarchy.issue(
                request(CredentialPurpose.AUTHENTICATION).validFrom(twoYearsAgo).validUntil(inTenDays));

        assertEquals(
                twoYearsAgo.truncatedTo(ChronoUnit.SECONDS),
                certificate.getNotBefore().toInstant());
        assertEquals(
                inTenDays.truncatedTo(ChronoUnit.SECONDS),
                certificate.getNotAfter().toInstant());
    }

    @Test
    void validityOutsideTheIssuingCaIsRefused() {
        Instant beforeCa = NOW.atOffset(ZoneOffset.UTC).minusYears(4).toInstant();
        IssuanceRefusedException early = assertThrows(
                IssuanceRefusedException.class,
                () -> hierarchy.issue(request(CredentialPurpose.AUTHENTICATION).validFrom(beforeCa)));
        assertTrue(
                early.getMessage().contains("before the authentication CA's own validity starts"), early.getMessage());

        Instant afterCa = NOW.atOffset(ZoneOffset.UTC).plusYears(21).toInstant();
        IssuanceRefusedException late = assertThrows(
                IssuanceRefusedException.class,
                () -> hierarchy.issue(request(CredentialPurpose.SIGNING).validUntil(afterCa)));
        assertTrue(late.getMessage().contains("after the signing CA's own validity ends"), late.getMessage());

        IssuanceRefusedException empty = assertThrows(
                IssuanceRefusedException.class,
                () -> hierarchy.issue(
                        request(CredentialPurpose.SIGNING).validFrom(NOW).validUntil(NOW)));
        assertTrue(empty.getMessage().contains("validity period is empty"), empty.getMessage());
    }

    @Test
    void subjectAndAltNamesAreCopiedFromTheCertificateBeingRenewed() throws Exception {
        X500Name subject = TestCertificates.cardHolderName("Dr Jane Example");
        X509Certificate old = TestCertificates.template(
                subject,
                TestCertificates.cardHolderAltNames("jane.example@nhs.example"),
                TestCertificates.rsa2048("old"));

        X509Certificate renewed = hierarchy.issue(IssueRequest.forPurpose(CredentialPurpose.AUTHENTICATION)
                .copySubjectAndAltNamesFrom(old)
                .publicKey(cardKey.getPublic()));

        assertArrayEquals(
                old.getSubjectX500Principal().getEncoded(),
                renewed.getSubjectX500Principal().getEncoded(),
                "subject copied byte for byte (PrintableString kept)");
        assertArrayEquals(
                old.getExtensionValue(Extension.subjectAlternativeName.getId()),
                renewed.getExtensionValue(Extension.subjectAlternativeName.getId()));
        assertTrue(renewed.getSubjectAlternativeNames().contains(List.of(1, "jane.example@nhs.example")));
        assertNull(
                renewed.getExtensionValue(Extension.subjectDirectoryAttributes.getId()),
                "nothing else is copied from the template");
        assertEquals(
                TestCertificates.spki(cardKey),
                SubjectPublicKeyInfo.getInstance(renewed.getPublicKey().getEncoded()));
    }

    @Test
    void templateWithoutAltNamesGivesNone() throws Exception {
        X509Certificate old = TestCertificates.template(
                TestCertificates.cardHolderName("No Alt"), null, TestCertificates.rsa2048("old"));

        X509Certificate renewed = hierarchy.issue(IssueRequest.forPurpose(CredentialPurpose.SIGNING)
                .copySubjectAndAltNamesFrom(old)
                .publicKey(cardKey.getPublic()));

        assertNull(renewed.getSubjectAlternativeNames());
    }

    @Test
    void emptySubjectGetsACriticalAltName() throws Exception {
        X509Certificate certificate = hierarchy.issue(IssueRequest.forPurpose(CredentialPurpose.AUTHENTICATION)
                .subject(new X500Name(new RDN[0]))
                .subjectAltNames(TestCertificates.cardHolderAltNames("jane.example@nhs.example"))
                .publicKey(cardKey.getPublic()));

        assertTrue(certificate.getCriticalExtensionOIDs().contains(Extension.subjectAlternativeName.getId()));
        assertThrows(
                IssuanceRefusedException.class,
                () -> hierarchy.issue(IssueRequest.forPurpose(CredentialPurpose.AUTHENTICATION)
                        .subject(new X500Name(new RDN[0]))
                        .publicKey(cardKey.getPublic())));
    }

    @Test
    void weakRsaKeyIsRefusedWithAClearMessage() {
        KeyPair weak = TestCertificates.keyPair("RSA", 1024, "weak");

        UnacceptablePublicKeyException e = assertThrows(
                UnacceptablePublicKeyException.class,
                () -> hierarchy.issue(request(CredentialPurpose.AUTHENTICATION).publicKey(weak.getPublic())));
        assertEquals("RSA key of 1024 bits is too weak: at least 2048 bits are required", e.getMessage());
    }

    @Test
    void nonRsaKeyIsRefusedWithAClearMessage() {
        KeyPair ec = TestCertificates.keyPair("EC", 256, "ec");

        UnacceptablePublicKeyException e = assertThrows(
                UnacceptablePublicKeyException.class,
                () -> hierarchy.issue(request(CredentialPurpose.SIGNING).publicKey(ec.getPublic())));
        assertEquals(
                "Only RSA public keys are accepted; this key's algorithm is EC (1.2.840.10045.2.1)", e.getMessage());
    }

    @Test
    void incompleteOrMisroutedRequestsAreProgrammingErrors() {
        assertThrows(
                IllegalStateException.class,
                () -> hierarchy.issue(
                        IssueRequest.forPurpose(CredentialPurpose.SIGNING).publicKey(cardKey.getPublic())));
        assertThrows(
                IllegalStateException.class,
                () -> hierarchy.issue(
                        IssueRequest.forPurpose(CredentialPurpose.SIGNING).subject(new X500Name("CN=x"))));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> hierarchy.issuerFor(CredentialPurpose.SIGNING).issue(request(CredentialPurpose.AUTHENTICATION)));
        assertEquals("The signing CA cannot issue a authentication certificate", e.getMessage());
    }

    @Test
    void requestsAreImmutable() {
        IssueRequest base = request(CredentialPurpose.SIGNING);
        IssueRequest later = base.validFrom(NOW);
        assertTrue(base.validFrom().isEmpty());
        assertEquals(NOW, later.validFrom().orElseThrow());
    }
}
