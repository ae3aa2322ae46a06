package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.protocol.CredentialPurpose;

class IssuedByUsTest {

    @TempDir
    static Path ours;

    @TempDir
    static Path theirs;

    static CaHierarchy hierarchy;
    static CaHierarchy otherHierarchy;

    @BeforeAll
    static void createTwoHierarchiesWithTheSameNames() throws Exception {
        hierarchy = DevelopmentHierarchy.loadOrCreate(ours, "ours".toCharArray());
        otherHierarchy = DevelopmentHierarchy.loadOrCreate(theirs, "theirs".toCharArray());
    }

    private static X509Certificate issue(CaHierarchy by, CredentialPurpose purpose) throws Exception {
        return by.issue(IssueRequest.forPurpose(purpose)
                .subject(TestCertificates.cardHolderName("Jane Example"))
                .publicKey(TestCertificates.rsa2048("card").getPublic()));
    }

    @Test
    void ownCertificatesAreRecognisedWithTheirPurpose() throws Exception {
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            X509Certificate certificate = issue(hierarchy, purpose);
            assertEquals(purpose, hierarchy.verifyIssuedByUs(certificate));
        }
    }

    @Test
    void certificateFromAnotherHierarchyWithTheSameIssuerNameIsNotOurs() throws Exception {
        X509Certificate foreign = issue(otherHierarchy, CredentialPurpose.AUTHENTICATION);
        assertEquals(
                hierarchy
                        .issuerFor(CredentialPurpose.AUTHENTICATION)
                        .certificate()
                        .getSubjectX500Principal(),
                foreign.getIssuerX500Principal(),
                "same issuer name, different key");

        NotIssuedByUsException e =
                assertThrows(NotIssuedByUsException.class, () -> hierarchy.verifyIssuedByUs(foreign));
        assertTrue(e.getMessage().contains("signature does not verify"), e.getMessage());
    }

    @Test
    void certificateFromAnUnknownIssuerIsNotOurs() throws Exception {
        X509Certificate selfSigned = TestCertificates.template(
                TestCertificates.cardHolderName("Mallory"), null, TestCertificates.rsa2048("mallory"));

        NotIssuedByUsException e =
                assertThrows(NotIssuedByUsException.class, () -> hierarchy.verifyIssuedByUs(selfSigned));
        assertTrue(e.getMessage().contains("which is not one of our issuing CAs"), e.getMessage());
    }

    @Test
    void caCertificatesAndTlsCertificatesAreNotSmartcardCertificatesOfOurs() throws Exception {
        assertThrows(NotIssuedByUsException.class, () -> hierarchy.verifyIssuedByUs(hierarchy.rootCertificate()));
        assertThrows(
                NotIssuedByUsException.class,
                () -> hierarchy.verifyIssuedByUs(
                        hierarchy.issuerFor(CredentialPurpose.SIGNING).certificate()));
        X509Certificate tls = hierarchy.issueTlsServerCertificate(
                TestCertificates.rsa2048("tls"), List.of("localhost"), List.of(), Duration.ofDays(30));
        assertThrows(NotIssuedByUsException.class, () -> hierarchy.verifyIssuedByUs(tls));
    }
}
