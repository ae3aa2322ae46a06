package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.protocol.CredentialPurpose;

class DevelopmentHierarchyTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:30:15Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final char[] PASSWORD = "correct horse".toCharArray();

    @TempDir
    Path directory;

    @Test
    void reloadingGivesTheSameRootAndIssuingCas() throws Exception {
        CaHierarchy created = DevelopmentHierarchy.loadOrCreate(directory, PASSWORD, CLOCK);
        assertTrue(DevelopmentHierarchy.exists(directory));

        CaHierarchy loaded = DevelopmentHierarchy.loadOrCreate(directory, PASSWORD, CLOCK);

        assertEquals(
                TestCertificates.sha256Fingerprint(created.rootCertificate()),
                TestCertificates.sha256Fingerprint(loaded.rootCertificate()));
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            assertEquals(
                    created.issuerFor(purpose).certificate(),
                    loaded.issuerFor(purpose).certificate());
            assertEquals(
                    List.of(loaded.issuerFor(purpose).certificate(), loaded.rootCertificate()), loaded.chain(purpose));
        }
        // a certificate issued before the restart is recognised after it
        X509Certificate issued = created.issue(IssueRequest.forPurpose(CredentialPurpose.SIGNING)
                .subject(TestCertificates.cardHolderName("Jane Example"))
                .publicKey(TestCertificates.spki(TestCertificates.rsa2048("reload"))));
        assertEquals(CredentialPurpose.SIGNING, loaded.verifyIssuedByUs(issued));
    }

    @Test
    void writesKeyStoresAndPemFilesWithSensiblePermissions() throws Exception {
        CaHierarchy hierarchy = DevelopmentHierarchy.create(directory, PASSWORD, CLOCK);

        for (String name : List.of("root-ca", "authentication-ca", "signing-ca")) {
            Path p12 = directory.resolve(name + ".p12");
            Path pem = directory.resolve(name + ".pem");
            assertTrue(Files.isRegularFile(p12), p12 + " exists");
            assertTrue(Files.isRegularFile(pem), pem + " exists");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p12)));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)));
        }
        assertEquals(List.of(hierarchy.rootCertificate()), Pem.readCertificates(directory.resolve("root-ca.pem")));
        assertEquals(
                List.of(hierarchy.issuerFor(CredentialPurpose.AUTHENTICATION).certificate()),
                Pem.readCertificates(directory.resolve("authentication-ca.pem")));
        try (Stream<Path> files = Files.list(directory)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".tmp-")), "no temporary files left");
        }
    }

    @Test
    void caCertificatesAreRsa3072BackdatedThreeYearsAndValidTwentyYears() throws Exception {
        CaHierarchy hierarchy = DevelopmentHierarchy.create(directory, PASSWORD, CLOCK);

        X509Certificate root = hierarchy.rootCertificate();
        assertEquals(
                "CN=Self-Renewal Development Root CA,O=Smartcard Self-Renewal (development),C=GB",
                root.getSubjectX500Principal().getName());
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertEquals(Instant.parse("2023-11-20T09:30:15Z"), root.getNotBefore().toInstant());
        assertEquals(Instant.parse("2046-11-20T09:30:15Z"), root.getNotAfter().toInstant());
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
        assertEquals("SHA256withRSA", root.getSigAlgName());
        assertEquals(3072, ((RSAPublicKey) root.getPublicKey()).getModulus().bitLength());

        X509Certificate authentication =
                hierarchy.issuerFor(CredentialPurpose.AUTHENTICATION).certificate();
        assertEquals(
                "CN=Self-Renewal Development Authentication CA,O=Smartcard Self-Renewal (development),C=GB",
                authentication.getSubjectX500Principal().getName());
        assertEquals(
                "CN=Self-Renewal Development Signing CA,O=Smartcard Self-Renewal (development),C=GB",
                hierarchy
                        .issuerFor(CredentialPurpose.SIGNING)
                        .certificate()
                        .getSubjectX500Principal()
                        .getName());
        assertEquals(root.getSubjectX500Principal(), authentication.getIssuerX500Principal());
        assertEquals(0, authentication.getBasicConstraints());
        assertArrayEquals(
                new boolean[] {false, false, false, false, false, true, true, false, false},
                authentication.getKeyUsage());
        assertEquals(root.getNotBefore(), authentication.getNotBefore());
        assertEquals(root.getNotAfter(), authentication.getNotAfter());
        authentication.verify(root.getPublicKey());
    }

    @Test
    void aHalfWrittenHierarchyIsNotLoadedButRecreated() throws Exception {
        // What a crash before the final rename leaves: issuing CA files and temporaries, no root-ca.p12.
        Files.writeString(directory.resolve("authentication-ca.p12"), "half");
        Files.writeString(directory.resolve("signing-ca.pem"), "half");
        Files.writeString(directory.resolve(".tmp-root-ca.p12-123"), "half");
        assertFalse(DevelopmentHierarchy.exists(directory));

        CaHierarchy hierarchy = DevelopmentHierarchy.loadOrCreate(directory, PASSWORD, CLOCK);

        assertFalse(Files.exists(directory.resolve(".tmp-root-ca.p12-123")));
        CaHierarchy reloaded = DevelopmentHierarchy.load(directory, PASSWORD, CLOCK);
        assertEquals(
                hierarchy.issuerFor(CredentialPurpose.AUTHENTICATION).certificate(),
                reloaded.issuerFor(CredentialPurpose.AUTHENTICATION).certificate());
    }

    @Test
    void aMissingIssuingCaFileIsReportedNotPapered() throws Exception {
        DevelopmentHierarchy.create(directory, PASSWORD, CLOCK);
        Files.delete(directory.resolve("signing-ca.p12"));

        CaStoreException e = assertThrows(
                CaStoreException.class, () -> DevelopmentHierarchy.loadOrCreate(directory, PASSWORD, CLOCK));
        assertTrue(e.getMessage().contains("signing-ca.p12 is missing"), e.getMessage());
    }

    @Test
    void wrongPasswordIsReportedClearly() throws Exception {
        DevelopmentHierarchy.create(directory, PASSWORD, CLOCK);

        CaStoreException e = assertThrows(
                CaStoreException.class, () -> DevelopmentHierarchy.load(directory, "wrong".toCharArray(), CLOCK));
        assertTrue(e.getMessage().contains("root-ca.p12") && e.getMessage().contains("wrong password"), e.getMessage());
    }

    @Test
    void refusesToOverwriteAnExistingHierarchy() throws Exception {
        DevelopmentHierarchy.create(directory, PASSWORD, CLOCK);
        assertThrows(CaStoreException.class, () -> DevelopmentHierarchy.create(directory, PASSWORD, CLOCK));
    }

    @Test
    void issuingCaFromAnotherHierarchyIsRefusedOnLoad() throws Exception {
        Path other = directory.resolve("other");
        DevelopmentHierarchy.create(directory, PASSWORD, CLOCK);
        DevelopmentHierarchy.create(other, PASSWORD, CLOCK);
        Files.copy(
                other.resolve("signing-ca.p12"),
                directory.resolve("signing-ca.p12"),
                StandardCopyOption.REPLACE_EXISTING);

        CaStoreException e =
                assertThrows(CaStoreException.class, () -> DevelopmentHierarchy.load(directory, PASSWORD, CLOCK));
        assertTrue(e.getMessage().contains("not signed by the root CA"), e.getMessage());
    }

    @Test
    void aKeyStoreWhosePrivateKeyIsNotItsCertificatesIsRefusedOnLoad() throws Exception {
        DevelopmentHierarchy.create(directory, PASSWORD, CLOCK);
        Path file = directory.resolve("signing-ca.p12");
        // the right certificate chain, with another key: a key store put together by hand from the wrong pieces
        List<X509Certificate> chain = Pkcs12Files.read(file, PASSWORD).chain();
        Files.write(
                file,
                Pkcs12Files.encode(
                        DevelopmentHierarchy.issuingCaName(CredentialPurpose.SIGNING),
                        TestCertificates.rsa2048("not the signing CA's key").getPrivate(),
                        chain,
                        PASSWORD));

        CaStoreException e =
                assertThrows(CaStoreException.class, () -> DevelopmentHierarchy.load(directory, PASSWORD, CLOCK));
        assertTrue(
                e.getMessage().contains("signing-ca.p12")
                        && e.getMessage().contains("does not belong to its certificate"),
                e.getMessage());
    }

    @Test
    void generatedPasswordIsStableAndOwnerOnly() throws Exception {
        Path caDirectory = directory.resolve("ca");
        char[] first = DevelopmentPassword.loadOrCreate(caDirectory);
        char[] second = DevelopmentPassword.loadOrCreate(caDirectory);

        assertArrayEquals(first, second);
        assertEquals(32, first.length);
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(DevelopmentPassword.file(caDirectory))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(caDirectory)));
        assertFalse(Arrays.equals(first, DevelopmentPassword.loadOrCreate(directory.resolve("other"))));

        CaHierarchy hierarchy = DevelopmentHierarchy.loadOrCreate(caDirectory);
        assertEquals(
                hierarchy.rootCertificate(),
                DevelopmentHierarchy.load(caDirectory, second, Clock.systemUTC())
                        .rootCertificate());
    }
}
