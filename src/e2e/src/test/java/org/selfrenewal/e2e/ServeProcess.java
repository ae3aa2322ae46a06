package org.selfrenewal.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.selfrenewal.server.ServerMain;

/** {@code selfrenewal-server serve} as a real process, as a trust's IT starts it; stopped on close. */
final class ServeProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Renewal service ready at (\\S+)");

    private final Process process;
    private final Path output;
    final URI baseUri;
    final int port;

    private ServeProcess(Process process, Path output, URI baseUri, int port) {
        this.process = process;
        this.output = output;
        this.baseUri = baseUri;
        this.port = port;
    }

    /** Starts {@code serve --port <free> args...} in {@code work} and waits until it is ready. */
    static ServeProcess start(Path work, String... args) throws Exception {
        return start(work, Map.of(), args);
    }

    /** As above, with {@code environment} added to this process's. */
    static ServeProcess start(Path work, Map<String, String> environment, String... args) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ServerMain.class.getName(),
                "serve",
                "--port",
                Integer.toString(port)));
        command.addAll(List.of(args));
        Path output = work.resolve("serve-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher ready = READY.matcher(Files.readString(output));
            if (ready.find()) {
                return new ServeProcess(process, output, URI.create(ready.group(1)), port);
            }
            Thread.sleep(200);
        }
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
        throw new AssertionError("serve did not start: " + Files.readString(output));
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    /** SIGTERM, as systemd stops it; returns the exit code (the process is killed after 20 s). */
    int terminate() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("serve did not stop within 20 s of SIGTERM: " + output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
