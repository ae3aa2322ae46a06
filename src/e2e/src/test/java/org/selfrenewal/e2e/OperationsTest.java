package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.ServerSettings;
import org.selfrenewal.server.ra.RegistrationAuthority;

/**
 * Operations (issue 9) on a real {@code serve} process: the health check, the metrics a Prometheus scrape
 * sees after a renewal and a refusal, and a graceful stop on SIGTERM that finishes the request in flight
 * and exits 0.
 */
class OperationsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthSaysTheDatabaseAndTheCaKeyAnswer(TestInfo test) throws Exception {
        Path work = TestDirectories.fresh(test);
        try (ServeProcess serve = ServeProcess.start(work, "--plain-http", "--without-launch-site")) {
            HttpResponse<String> health = get(serve, "/health");
            assertEquals(200, health.statusCode());
            assertEquals(
                    "{\"status\":\"up\",\"database\":\"up\",\"ca\":\"up\"}",
                    health.body().trim());
            assertEquals(
                    "no-store", health.headers().firstValue("Cache-Control").orElseThrow());
        }
    }

    @Test
    void metricsCountTheRenewalByOutcomeAndTheRefusalByCode(TestInfo test) throws Exception {
        Path work = TestDirectories.fresh(test);
        LoadKeys keys = LoadKeys.cached(work.resolve("keys"), 1);
        X509Certificate[] card = register(work.resolve("data"), keys);
        try (ServeProcess serve = ServeProcess.start(work, "--plain-http", "--without-launch-site")) {
            LoadClient client = new LoadClient(serve.baseUri, null);
            LoadClient.Result renewed = client.renew(keys, keys.cards.get(0), card[0], card[1]);
            assertEquals(LoadClient.Outcome.CONFIRMED, renewed.outcome());
            // The old certificates are superseded now: a second start is refused.
            HttpResponse<String> refused = post(
                    serve,
                    "/api/v1/renewals",
                    "{\"authenticationCertificate\":\"" + CertificateCodec.encode(card[0])
                            + "\",\"signingCertificate\":\"" + CertificateCodec.encode(card[1]) + "\"}");
            assertTrue(refused.body().contains("CERTIFICATE_SUPERSEDED"), refused.body());

            HttpResponse<String> scrape = get(serve, "/metrics");
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
            String metrics = scrape.body();
            assertEquals(1.0, value(metrics, "selfrenewal_renewals_total\\{outcome=\"started\"}"), metrics);
            assertEquals(1.0, value(metrics, "selfrenewal_renewals_total\\{outcome=\"confirmed\"}"), metrics);
            assertEquals(
                    1.0,
                    value(metrics, "selfrenewal_refusals_total\\{code=\"CERTIFICATE_SUPERSEDED\",step=\"start\"}"),
                    metrics);
            assertEquals(
                    1.0,
                    value(metrics, "selfrenewal_api_requests_seconds_count\\{status=\"200\",step=\"confirmation\"}"),
                    metrics);
            assertTrue(
                    metrics.contains(
                            "selfrenewal_api_requests_seconds_bucket{status=\"200\",step=\"certificate-requests\",le=\"0.1\"}"),
                    "a latency histogram per step");
            assertTrue(value(metrics, "hikaricp_connections_max\\{pool=\"selfrenewal-db\"}") > 0, "pool use");
            assertFalse(metrics.contains(CertificateCodec.serialHex(card[0])), "no certificate data in the metrics");
            // the JVM's and the process's meters, bound once the server listens
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!metrics.contains("jvm_memory_used_bytes") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                metrics = get(serve, "/metrics").body();
            }
            assertTrue(metrics.contains("jvm_memory_used_bytes{"), "the JVM's memory");
            assertTrue(metrics.contains("jvm_gc_"), "the garbage collector");
            assertTrue(metrics.contains("process_uptime_seconds"), "the process's uptime");
        }
    }

    @Test
    void sigtermFinishesTheRequestInFlightThenExitsZero(TestInfo test) throws Exception {
        Path work = TestDirectories.fresh(test);
        ServeProcess serve = ServeProcess.start(work, "--plain-http", "--without-launch-site");
        try (Socket socket = new Socket("127.0.0.1", serve.port)) {
            socket.setSoTimeout(20_000);
            byte[] body = "{\"authenticationCertificate\":\"AA==\",\"signingCertificate\":\"AA==\"}"
                    .getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/renewals HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length - 5);
            out.flush();
            Thread.sleep(2000); // the request is in the API handler, waiting for the rest of its body

            // The last bytes of the body trickle in while the server stops (a byte every 100 ms). The stop begins
            // once the first of them is sent: a connection already silent for longer than the stop's idle timeout
            // (500 ms) would rightly be closed at once, whichever thread the scheduler ran first.
            CountDownLatch trickling = new CountDownLatch(1);
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = body.length - 5; i < body.length; i++) {
                        out.write(body[i]);
                        out.flush();
                        trickling.countDown();
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    trickleFailure = e;
                    trickling.countDown();
                }
            });
            trickle.start();
            assertTrue(trickling.await(10, TimeUnit.SECONDS), "the body's last bytes began");
            Thread terminate = new Thread(() -> {
                try {
                    exitCode = serve.terminate();
                } catch (Exception e) {
                    exitCode = -2;
                }
            });
            terminate.start();
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (acceptsConnections(serve.port) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(acceptsConnections(serve.port), "a stopping server takes no new connections");
            assertTrue(serve.isAlive(), "the server waits for the request in flight");
            trickle.join(20_000);
            assertEquals(null, trickleFailure, "the body was sent while the server stopped");
            String answer = read(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("\"code\":\"BAD_REQUEST\""), answer);
            terminate.join(20_000);
            assertEquals(0, exitCode, serve.output());
        } finally {
            serve.close();
        }
    }

    private volatile int exitCode = -1;
    private volatile Exception trickleFailure;

    private static boolean acceptsConnections(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static X509Certificate[] register(Path data, LoadKeys keys) throws Exception {
        try (ServerContext context = ServerContext.open(ServerSettings.embedded(data))) {
            RegistrationAuthority.RegisteredCard card = context.registrationAuthority()
                    .registerCard(
                            keys.cards.get(0).holder(),
                            "ops-test",
                            Map.of(
                                    CredentialPurpose.AUTHENTICATION,
                                    keys.authentication.getPublic(),
                                    CredentialPurpose.SIGNING,
                                    keys.signing.getPublic()),
                            Instant.now().plus(Duration.ofDays(30)));
            return new X509Certificate[] {
                card.certificate(CredentialPurpose.AUTHENTICATION), card.certificate(CredentialPurpose.SIGNING)
            };
        }
    }

    private HttpResponse<String> get(ServeProcess serve, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(serve.baseUri.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ServeProcess serve, String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(serve.baseUri.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** One HTTP/1.1 answer with a Content-Length body. */
    private static String read(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
