package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * The issuing CAs' keys on an "HSM" (a SoftHSM2 token): imported certificates bound to the token's keys,
 * certificates and CRLs signed on the token, and OpenSSL as the judge of what was signed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HsmHierarchyTest {

    private static HsmCaFixture hsm;

    @TempDir
    Path work;

    @BeforeAll
    static void makeTheTrustsCa() throws Exception {
        String conf = System.getenv("SOFTHSM2_CONF");
        HsmCaFixture.need(conf != null, "SOFTHSM2_CONF is not set for this test JVM (see src/ca/pom.xml)");
        Path directory = Path.of(conf).getParent();
        // A fresh token directory per run: SoftHSM2 reads it when this JVM first loads the library (below).
        Path tokens = directory.resolve("tokens");
        if (Files.exists(tokens)) {
            try (var files = Files.walk(tokens)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        }
        Files.createDirectories(tokens);
        hsm = HsmCaFixture.create(directory, Path.of(conf));
    }

    // First: once this process is logged in to the token, the token no longer judges a PIN.
    @Test
    @Order(1)
    void aWrongPinIsRefusedNamingItsSourceNotThePin() throws Exception {
        Path wrongPin = work.resolve("wrong.pin");
        Files.writeString(wrongPin, "11111111\n");
        Path ca = work.resolve("ca");

        CaStoreException refused = assertThrows(
                CaStoreException.class,
                () -> HsmHierarchy.importChains(
                        ca, hsm.settings(PinSource.file(wrongPin)), hsm.chains(), Clock.systemUTC()));

        assertTrue(refused.getMessage().contains("refused the PIN from file " + wrongPin), refused.getMessage());
        assertFalse(refused.getMessage().contains("11111111"));
        assertFalse(HsmHierarchy.configured(ca), "nothing is imported");
    }

    @Test
    @Order(2)
    void issuesAndPublishesCrlsWithTheHsmKeys_opensslVerifiesBoth() throws Exception {
        Path ca = work.resolve("ca");
        CaHierarchy imported = HsmHierarchy.importChains(
                ca, hsm.settings(PinSource.file(hsm.pinFile())), hsm.chains(), Clock.systemUTC());
        assertTrue(HsmHierarchy.configured(ca));
        assertFalse(Files.readString(ca.resolve(HsmHierarchy.SETTINGS_FILE)).contains(HsmCaFixture.PIN));

        // A later start loads it from the files and the token, as serve does.
        CaHierarchy loaded = HsmHierarchy.load(ca, Clock.systemUTC());
        assertEquals(imported.rootCertificate(), loaded.rootCertificate());
        assertTrue(loaded.rootKey().isEmpty(), "the root's key stays offline");

        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            X509Certificate issued = loaded.issue(IssueRequest.forPurpose(purpose)
                    .subject(new X500Name("C=GB,O=nhs,CN=Jane Example"))
                    .publicKey(rsaPublicKey()));
            Path leaf = work.resolve(purpose + "-leaf.pem");
            Files.writeString(leaf, Pem.encode(issued));
            String verified = openssl(
                    "verify",
                    "-CAfile",
                    hsm.rootPem().toString(),
                    "-untrusted",
                    HsmHierarchy.chainFile(ca, purpose).toString(),
                    leaf.toString());
            assertTrue(verified.strip().endsWith(": OK"), verified);

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X509CRL crl = loaded.issuerFor(purpose)
                    .revocation()
                    .crl(
                            List.of(new RevocationPublisher.Revoked(issued.getSerialNumber(), now, 1)),
                            now,
                            now.plus(Duration.ofDays(1)),
                            BigInteger.ONE);
            Path crlPem = work.resolve(purpose + ".crl.pem");
            Files.writeString(
                    crlPem,
                    "-----BEGIN X509 CRL-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(crl.getEncoded())
                            + "\n-----END X509 CRL-----\n");
            String crlCheck = openssl(
                    "crl",
                    "-in",
                    crlPem.toString(),
                    "-CAfile",
                    HsmHierarchy.chainFile(ca, purpose).toString(),
                    "-verify",
                    "-noout");
            assertTrue(crlCheck.contains("verify OK"), crlCheck);
        }
    }

    @Test
    @Order(3)
    void statusShowsEveryCaWhereItsKeyLivesAndThatItAnswers() throws Exception {
        Path ca = work.resolve("ca");
        HsmHierarchy.importChains(ca, hsm.settings(PinSource.file(hsm.pinFile())), hsm.chains(), Clock.systemUTC());

        List<CaStatus> status = HsmHierarchy.status(ca);

        assertEquals(
                List.of("root CA", "authentication CA", "signing CA"),
                status.stream().map(CaStatus::name).toList());
        assertEquals(
                CaStatus.KeyCheck.Result.NOT_HELD_HERE, status.get(0).keyCheck().result());
        for (CaStatus issuing : status.subList(1, 3)) {
            assertEquals(CaStatus.KeyCheck.Result.ANSWERS, issuing.keyCheck().result(), issuing.toString());
            assertTrue(
                    issuing.keyLocation().contains("on token '" + HsmCaFixture.TOKEN_LABEL + "'"),
                    issuing.keyLocation());
            assertTrue(issuing.subject().contains("Example Trust"), issuing.subject());
        }
    }

    @Test
    @Order(4)
    void aCertificateOfAnotherKeyIsRefusedAndNothingIsWritten() throws Exception {
        Map<CredentialPurpose, Path> chains = new EnumMap<>(hsm.chains());
        chains.put(CredentialPurpose.SIGNING, hsm.strayChain());
        Path ca = work.resolve("ca");

        CaStoreException refused = assertThrows(
                CaStoreException.class,
                () -> HsmHierarchy.importChains(
                        ca, hsm.settings(PinSource.file(hsm.pinFile())), chains, Clock.systemUTC()));

        assertTrue(
                refused.getMessage()
                        .contains("signing CA certificate's public key does not match the HSM key '"
                                + HsmCaFixture.keyLabel(CredentialPurpose.SIGNING) + "'"),
                refused.getMessage());
        assertFalse(Files.exists(ca.resolve(HsmHierarchy.SETTINGS_FILE)));
    }

    @Test
    @Order(5)
    void aChainWithoutItsRootOrAKeyNotOnTheTokenIsRefused() throws Exception {
        Map<CredentialPurpose, Path> chains = new EnumMap<>(hsm.chains());
        chains.put(CredentialPurpose.AUTHENTICATION, hsm.certificateOnly(CredentialPurpose.AUTHENTICATION));
        CaStoreException noRoot = assertThrows(
                CaStoreException.class,
                () -> HsmHierarchy.importChains(
                        work.resolve("ca"), hsm.settings(PinSource.file(hsm.pinFile())), chains, Clock.systemUTC()));
        assertTrue(noRoot.getMessage().contains("holds only one certificate"), noRoot.getMessage());

        Map<CredentialPurpose, String> labels = new EnumMap<>(CredentialPurpose.class);
        labels.put(CredentialPurpose.AUTHENTICATION, "no-such-key");
        labels.put(CredentialPurpose.SIGNING, HsmCaFixture.keyLabel(CredentialPurpose.SIGNING));
        HsmSettings missingKey = new HsmSettings(
                HsmCaFixture.SOFTHSM2_LIBRARY, HsmCaFixture.TOKEN_LABEL, PinSource.file(hsm.pinFile()), labels);
        CaStoreException noKey = assertThrows(
                CaStoreException.class,
                () -> HsmHierarchy.importChains(work.resolve("ca"), missingKey, hsm.chains(), Clock.systemUTC()));
        assertTrue(noKey.getMessage().contains("has no private key labelled 'no-such-key'"), noKey.getMessage());
    }

    @Test
    @Order(6)
    void theDevelopmentCaIsNotMixedWithAnImportedOne() throws Exception {
        Path ca = work.resolve("ca");
        DevelopmentHierarchy.create(ca, "development-password".toCharArray(), Clock.systemUTC());

        CaStoreException refused = assertThrows(
                CaStoreException.class,
                () -> HsmHierarchy.importChains(
                        ca, hsm.settings(PinSource.file(hsm.pinFile())), hsm.chains(), Clock.systemUTC()));

        assertTrue(refused.getMessage().contains("holds the development CA"), refused.getMessage());
    }

    private static PublicKey rsaPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic();
    }

    private String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }
}
