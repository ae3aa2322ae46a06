package org.selfrenewal.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.server.ServerMain;

/**
 * {@code SELFRENEWAL_LOG_FORMAT=json}: a real {@code serve} process writes one JSON object a line on
 * stderr, request text that tries to start a line of its own stays inside its message (escaped as in the
 * plain log), and the process stops cleanly on SIGTERM.
 */
class JsonLogLinesTest {

    @Test
    void everyLogLineIsOneJsonObjectAndRequestTextCannotForgeOne(@TempDir Path work) throws Exception {
        Path stdout = work.resolve("stdout.txt");
        Path stderr = work.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ServerMain.class.getName(),
                        "serve",
                        "--data-dir",
                        work.resolve("data").toString(),
                        "--port",
                        "0",
                        "--plain-http",
                        "--without-launch-site")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("SELFRENEWAL_LOG_FORMAT", "json");
        Process serve = builder.start();
        try {
            URI base = waitUntilReady(serve, stdout);
            // An unknown field whose name carries a line break and a fake log line: refused, and logged.
            String hostile = "{\"x\\nFORGED ERROR line\\u2028\":1}";
            HttpResponse<String> refused = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("/api/v1/renewals"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(hostile))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(400, refused.statusCode());
        } finally {
            serve.destroy();
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
        }
        assertEquals(0, serve.exitValue(), "a clean stop exits 0");

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(stderr)) {
            JsonNode node = json.readTree(line);
            assertTrue(node.isObject(), line);
            for (String field : List.of("time", "level", "logger", "thread", "message")) {
                assertTrue(node.hasNonNull(field), field + " in " + line);
            }
            lines.add(node);
        }
        assertTrue(
                lines.stream().anyMatch(n -> n.get("message").asText().startsWith("Renewal server listening on")),
                "the start is logged");
        JsonNode refusal = lines.stream()
                .filter(n -> n.get("message").asText().contains("FORGED"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the refusal is logged: " + lines));
        String message = refusal.get("message").asText();
        assertTrue(message.contains("x\\nFORGED ERROR line\\u2028"), message);
        assertFalse(message.contains("\n") || message.contains("\u2028"), "escaped as in the plain log: " + message);
        assertTrue(lines.stream().anyMatch(n -> n.get("message").asText().startsWith("Stopped")), "the stop is logged");
    }

    private static URI waitUntilReady(Process serve, Path stdout) throws Exception {
        Pattern ready = Pattern.compile("Renewal service ready at (\\S+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && serve.isAlive()) {
            Matcher m = ready.matcher(Files.readString(stdout));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start");
    }
}
