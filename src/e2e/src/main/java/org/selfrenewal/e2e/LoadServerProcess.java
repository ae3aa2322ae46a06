package org.selfrenewal.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code selfrenewal-server.jar serve} as its own process for the load benchmark: started on a data
 * directory (and optionally PostgreSQL), ready when {@code /health} answers 200, its CPU time read from
 * {@code /proc/<pid>/stat}, stopped with SIGTERM.
 */
final class LoadServerProcess implements AutoCloseable {

    /** {@code serve}'s option for plain HTTP on loopback (TLS ended by a proxy in front). */
    static final String PLAIN_HTTP = "--plain-http";

    final Process process;
    final URI base;
    final long startToReadyMillis;
    /** CPU time the process had used when it was ready (independent of how busy the machine is). */
    final long cpuMillisAtReady;

    private final Path log;

    private LoadServerProcess(Process process, URI base, long startToReadyMillis, Path log) throws IOException {
        this.process = process;
        this.base = base;
        this.startToReadyMillis = startToReadyMillis;
        this.log = log;
        this.cpuMillisAtReady = cpuNanos() / 1_000_000;
    }

    /**
     * Starts the server on {@code port} over HTTPS and waits until {@code /health} answers 200 (at most 90 s);
     * {@code serveOptions} are added to {@code serve}'s (a database, or {@code --plain-http}: then over HTTP).
     */
    static LoadServerProcess start(
            List<String> jvmOptions,
            Path serverJar,
            Path dataDirectory,
            int port,
            List<String> serveOptions,
            Map<String, String> env,
            HttpClient http,
            Path log)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                serverJar.toString(),
                "serve",
                "--data-dir",
                dataDirectory.toString(),
                "--port",
                Integer.toString(port),
                "--without-launch-site"));
        command.addAll(serveOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        URI base = URI.create((serveOptions.contains(PLAIN_HTTP) ? "http" : "https") + "://127.0.0.1:" + port);
        long started = System.nanoTime();
        Process process = builder.start();
        HttpRequest health = HttpRequest.newBuilder(base.resolve("/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(90) && process.isAlive()) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    long ready = (System.nanoTime() - started) / 1_000_000;
                    return new LoadServerProcess(process, base, ready, log);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not become ready: " + Files.readString(log));
    }

    /** User + system CPU time the server process used so far, in nanoseconds (10 ms resolution). */
    long cpuNanos() throws IOException {
        return ServerThreads.cpuNanos(Path.of("/proc", Long.toString(process.pid()), "stat"));
    }

    /** The CPU time of the process and of its live threads by kind, now. */
    ServerThreads.Snapshot threads() throws IOException {
        return ServerThreads.read(process.pid(), cpuNanos());
    }

    /** SIGTERM; returns the milliseconds until the process exited, and its exit code. */
    long[] stop() throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return new long[] {(System.nanoTime() - started) / 1_000_000, -1};
        }
        return new long[] {(System.nanoTime() - started) / 1_000_000, process.exitValue()};
    }

    /** Runs {@code jcmd <pid> args} (for example JFR.start) and waits for it. */
    void jcmd(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(process.pid()));
        command.addAll(List.of(args));
        Process jcmd = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
