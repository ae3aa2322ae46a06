package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ProtocolJson;

/**
 * The relay of issue 7, with the project's own unmodified client and a SoftHSM2 card: a forged JNLP points
 * the genuine client at a relay, which forwards everything to the real service but swaps in certificate
 * requests for keys it holds. The service refuses the proof (it names the relay and other requests): the
 * relay gains no certificate, the card and the service's records are unchanged.
 */
class RelayAttackTest {

    private static final ObjectMapper JSON = ProtocolJson.mapper();

    private InProcessServer server;
    private VirtualCardRig card;
    private HttpServer relay;
    private final List<String> relayedAnswers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install softhsm2)");
        Path work = TestDirectories.fresh(test);
        server = InProcessServer.start(work);
        card = new VirtualCardRig(work, server);
        relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpClient upstream = HttpClient.newHttpClient();
        relay.createContext("/", exchange -> {
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getRawPath();
                if (path.endsWith("/certificate-requests")) {
                    CertificateRequests genuine = JSON.readValue(body, CertificateRequests.class);
                    body = JSON.writeValueAsBytes(
                            new CertificateRequests(genuine.proofOfPossession(), relayCsr(), relayCsr()));
                }
                HttpResponse<byte[]> answer = upstream.send(
                        HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                                .header("Content-Type", "application/json")
                                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                relayedAnswers.add(path + " " + answer.statusCode() + " " + new String(answer.body()));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (Exception e) {
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        relay.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        relay.stop(0);
        server.close();
    }

    @Test
    @DisplayName("relay: the genuine client pointed at a relay gives it nothing usable; card and records unchanged")
    void relayGainsNothing() throws Exception {
        card.issueCard(server.now().plus(Duration.ofDays(30)));
        List<String> before = card.certificateSerials();
        List<String> recordsBefore = records();
        assertEquals(2, recordsBefore.size(), recordsBefore.toString());
        URI relayUrl = URI.create("http://127.0.0.1:" + relay.getAddress().getPort());

        ProcessRun run = card.renewVia(relayUrl, VirtualCardRig.PASSCODE);

        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(
                relayedAnswers.stream()
                        .anyMatch(a ->
                                a.contains("/certificate-requests 403") && a.contains("PROOF_OF_POSSESSION_FAILED")),
                relayedAnswers.toString());
        assertTrue(
                relayedAnswers.stream().noneMatch(a -> a.contains("authenticationCertificate")),
                "the relay never saw a certificate: " + relayedAnswers);
        assertEquals(before, card.certificateSerials(), "the card keeps its certificates");
        assertEquals(recordsBefore, records(), "nothing issued or changed");
    }

    private static String relayCsr() throws Exception {
        KeyPair key = SoftwareCard.rsa(2048);
        return CertificateCodec.base64(
                new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Relay"), key.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()))
                        .getEncoded());
    }

    /** Every certificate the service holds, with its status. */
    private List<String> records() {
        return server.context.database().inTransaction(c -> {
            List<String> all = new ArrayList<>();
            try (var s = c.prepareStatement("SELECT serial_hex, status FROM certificate ORDER BY id");
                    var row = s.executeQuery()) {
                while (row.next()) {
                    all.add(row.getString(1) + " " + row.getString(2));
                }
            }
            return all;
        });
    }
}
