package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.client.ClientMain;

/** The client renews over HTTPS only with a server whose certificate chains to an anchor it trusts. */
class HttpsRenewalTest {

    private InProcessServer server;
    private VirtualCardRig card;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install softhsm2)");
        var work = TestDirectories.fresh(test);
        server = InProcessServer.start(work, true, null);
        card = new VirtualCardRig(work, server);
        card.issueCard(server.now().plus(Duration.ofDays(30)));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("https: renewal succeeds when the client trusts the server's CA")
    void renewsOverHttpsWithTrustAnchor() throws Exception {
        assertTrue(server.baseUri().toString().startsWith("https://"));
        ProcessRun run = card.renew(
                VirtualCardRig.PASSCODE, "--trust-anchor", server.rootCaPem().toString());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.stdout().strip().endsWith(ClientMain.SUCCESS));
    }

    @Test
    @DisplayName("fail/untrusted-server: without the anchor the client refuses to talk and changes nothing")
    void refusesUntrustedServer() throws Exception {
        List<String> before = card.certificateSerials();
        ProcessRun run = card.renew(VirtualCardRig.PASSCODE);
        assertEquals(4, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("could not prove it is genuine"), run.stderr());
        assertEquals(before, card.certificateSerials());
    }

    @Test
    @DisplayName("platform trust off: a server trusted only by the JDK's trust store is refused")
    void platformTrustOff_aServerTrustedOnlyByTheJdkTrustStoreIsRefused() throws Exception {
        List<String> before = card.certificateSerials();
        card.extraEnvironment.put(
                "JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + jdkTrustStoreWithTheServersRoot());

        ProcessRun run = card.renew(
                VirtualCardRig.PASSCODE, "--trust-anchor", unrelatedRoot().toString());

        assertEquals(4, run.exitCode(), run.output());
        assertTrue(run.stderr().contains("could not prove it is genuine"), run.stderr());
        assertEquals(before, card.certificateSerials());
    }

    @Test
    @DisplayName("platform trust on (client.platformTrust through the JNLP): the JDK's trust store is trusted too")
    void platformTrustOn_theJdkTrustStoreIsTrustedToo() throws Exception {
        card.extraEnvironment.put(
                "JAVA_TOOL_OPTIONS",
                "-Djavax.net.ssl.trustStore=" + jdkTrustStoreWithTheServersRoot()
                        + " -Dselfrenewal.trust.platform=true");

        ProcessRun run = card.renew(
                VirtualCardRig.PASSCODE, "--trust-anchor", unrelatedRoot().toString());

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.stdout().strip().endsWith(ClientMain.SUCCESS));
    }

    /** A JKS trust store (as {@code javax.net.ssl.trustStore} names one) holding only the server's root. */
    private Path jdkTrustStoreWithTheServersRoot() throws Exception {
        Path store = card.directory.resolve("jdk-truststore.jks");
        KeyStore keyStore = KeyStore.getInstance("JKS");
        keyStore.load(null, null);
        try (var in = Files.newInputStream(server.rootCaPem())) {
            keyStore.setCertificateEntry(
                    "server-root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (var out = Files.newOutputStream(store)) {
            keyStore.store(out, "changeit".toCharArray());
        }
        return store;
    }

    /** A root the server's certificate does not chain to (so the shipped/configured anchors alone refuse it). */
    private Path unrelatedRoot() throws Exception {
        Path other = card.directory.resolve("unrelated-ca");
        DevelopmentHierarchy.create(other, "unrelated".toCharArray(), Clock.systemUTC());
        return DevelopmentHierarchy.certificateFile(other, DevelopmentHierarchy.ROOT_CA);
    }

    @Test
    @DisplayName("https: every answer carries HSTS and no Server header")
    void hstsAndNoServerVersion() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        try (var in = Files.newInputStream(server.rootCaPem())) {
            anchors.setCertificateEntry(
                    "root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        trust.init(anchors);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
        for (String path : List.of("/api/v1/health", "/urswebapp/?operation=selfRenewSmartcard", "/nothing-here")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(server.baseUri() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(
                    "max-age=31536000",
                    response.headers().firstValue("Strict-Transport-Security").orElse(null),
                    path);
            assertTrue(response.headers().firstValue("Server").isEmpty(), path);
        }
    }
}
