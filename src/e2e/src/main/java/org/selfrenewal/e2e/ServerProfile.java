package org.selfrenewal.e2e;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's Java threads spent their CPU (JFR execution samples of the server process, recorded
 * with {@code -XX:StartFlightRecording}): each sample goes to the first part its stack shows, from the
 * CA's signature down to Jetty. JIT compilation and GC run outside Java threads: they are not sampled.
 */
final class ServerProfile {

    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("CA signing (2 certificates)", List.of("org.selfrenewal.ca.CertificateSigner.sign"));
        PARTS.put(
                "request and proof checks (CSR, proof, confirmation signatures; key policy, ROCA)",
                List.of(
                        "org.selfrenewal.server.renewal.RenewalRules", "org.selfrenewal.ca.RsaKeyPolicy",
                        "org.selfrenewal.ca.RocaFingerprint", "org.selfrenewal.ca.CertificateRequestPolicy"));
        PARTS.put("TLS (handshakes, records)", List.of("sun.security.ssl."));
        PARTS.put(
                "database (H2/PostgreSQL, pool, SQL)",
                List.of("org.h2.", "org.postgresql.", "com.zaxxer.hikari.", "org.selfrenewal.server.persistence."));
        PARTS.put("JSON", List.of("com.fasterxml.jackson."));
        PARTS.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
        PARTS.put(
                "certificate parsing and encoding",
                List.of("org.selfrenewal.protocol.CertificateCodec", "sun.security.x509.", "org.bouncycastle."));
        PARTS.put("renewal service (other)", List.of("org.selfrenewal.server.renewal."));
        PARTS.put("metrics", List.of("io.micrometer.", "io.prometheus."));
        PARTS.put("HTTP (Jetty)", List.of("org.eclipse.jetty."));
    }

    /**
     * Frames that wrap a whole step rather than do a part's work: Database.inTransaction runs every renewal
     * step, so what runs inside a transaction (issuing, parsing, checks) is charged to what it is. The
     * transaction's own work (connection, commit) shows as pool and driver frames.
     */
    private static final List<String> WRAPPERS = List.of("org.selfrenewal.server.persistence.Database.");

    private ServerProfile() {}

    /**
     * Prints the share of samples per part, each also as milliseconds of the Java threads' CPU per renewal at
     * the peak ({@code javaMillisPerRenewal}), and the methods most often on top of the stack.
     */
    static void print(Path recording, double javaMillisPerRenewal) throws Exception {
        Map<String, Integer> parts = new LinkedHashMap<>();
        Map<String, Integer> tops = new TreeMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            total++;
            tops.merge(name(frames.get(0)), 1, Integer::sum);
            parts.merge(part(frames), 1, Integer::sum);
        }
        final int samples = total;
        System.out.printf(
                "server CPU by part (JFR execution samples of the server's Java threads, %d samples; ms: the share "
                        + "of the Java threads' %.1f ms per renewal at the peak):%n",
                samples, javaMillisPerRenewal);
        parts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf(
                        "  %5.1f%%  %5.1f ms  %s%n",
                        100.0 * e.getValue() / samples, javaMillisPerRenewal * e.getValue() / samples, e.getKey()));
        System.out.println("  methods most often on top of the stack: "
                + tops.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(8)
                        .map(e -> String.format("%s %.1f%%", e.getKey(), 100.0 * e.getValue() / samples))
                        .collect(Collectors.joining(", ")));
    }

    private static String part(List<RecordedFrame> frames) {
        for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (WRAPPERS.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                for (String prefix : part.getValue()) {
                    if (name.startsWith(prefix)) {
                        return part.getKey();
                    }
                }
            }
        }
        return "other";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
