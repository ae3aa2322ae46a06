package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.ca.HsmCaFixture;
import org.selfrenewal.ca.HsmHierarchy;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.client.ClientMain;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.server.ServerMain;
import org.selfrenewal.server.ServerSettings;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;
import org.selfrenewal.server.persistence.Database;

/**
 * A trust's own CA with its issuing keys on an HSM (a SoftHSM2 token), as its IT would run it: {@code ca
 * import} binds the certificate chains to the token's keys, {@code ca status} shows them answering, a
 * {@code serve} process signs on the token, a card is issued and renewed by the real commands, and OpenSSL
 * verifies the renewed certificates and the CRL the HSM signed.
 */
class HsmCaRenewalTest {

    private static final String PIN_VARIABLE = "SELFRENEWAL_TEST_HSM_PIN";

    @Test
    void aCardIsRenewedWithCertificatesSignedOnTheHsm_opensslVerifiesThemAndTheCrl(TestInfo test) throws Exception {
        RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install softhsm2)");
        RequiredTools.need(Openssl.installed(), "openssl is not installed");
        Path work = TestDirectories.fresh(test);
        Path data = work.resolve("server-data");
        URI[] service = new URI[1];
        VirtualCardRig card = new VirtualCardRig(work, data, () -> service[0]);
        // The HSM token lives beside the card's: one SOFTHSM2_CONF for the RA, which opens both.
        HsmCaFixture hsm = HsmCaFixture.create(work.resolve("trust-ca"), card.tokens.configFile());
        card.extraEnvironment.put(PIN_VARIABLE, HsmCaFixture.PIN);
        Map<String, String> environment = card.environment();

        ProcessRun imported = ProcessRun.java(
                work,
                environment,
                null,
                ServerMain.class.getName(),
                "ca",
                "import",
                "--data-dir",
                data.toString(),
                "--pkcs11-library",
                HsmCaFixture.SOFTHSM2_LIBRARY.toString(),
                "--token-label",
                HsmCaFixture.TOKEN_LABEL,
                "--pin-env",
                PIN_VARIABLE,
                "--authentication-chain",
                hsm.chain(CredentialPurpose.AUTHENTICATION).toString(),
                "--authentication-key-label",
                HsmCaFixture.keyLabel(CredentialPurpose.AUTHENTICATION),
                "--signing-chain",
                hsm.chain(CredentialPurpose.SIGNING).toString(),
                "--signing-key-label",
                HsmCaFixture.keyLabel(CredentialPurpose.SIGNING));
        assertEquals(0, imported.exitCode(), imported.output());

        ProcessRun status = ProcessRun.java(
                work, environment, null, ServerMain.class.getName(), "ca", "status", "--data-dir", data.toString());
        assertEquals(0, status.exitCode(), status.output());
        assertEquals(2, status.stdout().split("key check: answers a test signature", -1).length - 1, status.stdout());
        assertTrue(status.stdout().contains("root CA: CN=Example Trust Root CA"), status.stdout());
        assertTrue(status.stdout().contains("on token '" + HsmCaFixture.TOKEN_LABEL + "'"), status.stdout());
        assertFalse(status.output().contains(HsmCaFixture.PIN), "the PIN is never shown");
        assertFalse(status.stdout().contains("[INFO]"), "stdout carries results, no log lines: " + status.stdout());

        try (ServeProcess serve = ServeProcess.start(
                work,
                environment,
                "--data-dir",
                data.toString(),
                "--plain-http",
                "--share-database",
                "--without-launch-site")) {
            service[0] = serve.baseUri;
            card.issueCard(Instant.now().plus(Duration.ofDays(30)));
            ProcessRun renewed = card.renew(VirtualCardRig.PASSCODE);
            assertEquals(0, renewed.exitCode(), renewed.output());
            assertTrue(renewed.stdout().strip().endsWith(ClientMain.SUCCESS), renewed.stdout());

            List<CertificateRecord> current = currentCertificates(data);
            assertEquals(2, current.size(), current.toString());
            for (CertificateRecord record : current) {
                ProcessRun verify = Openssl.verify(
                        work,
                        CertificateCodec.parse(record.der()),
                        hsm.rootPem(),
                        HsmHierarchy.chainFile(data.resolve("ca"), record.purpose()));
                assertTrue(verify.stdout().strip().endsWith(": OK"), verify.output());
            }

            byte[] crl = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(serve.baseUri.resolve("/pki/authentication.crl"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            Path crlFile = Files.write(work.resolve("authentication.crl"), crl);
            ProcessRun crlCheck = ProcessRun.run(
                    work,
                    Map.of(),
                    null,
                    List.of(
                            "openssl",
                            "crl",
                            "-inform",
                            "DER",
                            "-in",
                            crlFile.toString(),
                            "-CAfile",
                            HsmHierarchy.chainFile(data.resolve("ca"), CredentialPurpose.AUTHENTICATION)
                                    .toString(),
                            "-verify",
                            "-noout"));
            assertTrue(crlCheck.output().contains("verify OK"), crlCheck.output());
            assertFalse(serve.output().contains(HsmCaFixture.PIN), "the PIN is never logged");
        }
    }

    private static List<CertificateRecord> currentCertificates(Path data) {
        ServerSettings settings = ServerSettings.embedded(data).sharingEmbeddedDatabase();
        Database database = Database.open(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
        try {
            return database.inTransaction(c -> new CertificateRepository().findByCard(c, 1)).stream()
                    .filter(record -> record.status() == CertificateStatus.CURRENT)
                    .toList();
        } finally {
            database.close();
        }
    }
}
