package org.selfrenewal.webstart;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a JNLP through IcedTea-Web's {@code javaws} (Debian package {@code icedtea-netx}), the open JNLP
 * client OpenWebStart is forked from, non-interactively and isolated from the machine's own settings:
 *
 * <pre>
 * Javaws.Profile profile = Javaws.Profile.create(tempDir.resolve("itw"), List.of(signerCer));
 * Javaws.Result result = Javaws.launch(URI.create("http://127.0.0.1:8080/urswebapp/selfrenewal.jnlp"),
 *         profile.environment(), Duration.ofSeconds(120), null);
 * result.exitCode(); result.output();   // stdout and stderr of javaws and of the application, merged
 * </pre>
 *
 * <p>{@link #launch} is always {@code -headless} (a failed launch under Xvfb leaves a modal dialog that
 * blocks until the timeout) and {@code -Xtrustnone} (no prompt; an unknown signer is not trusted).
 * {@link #start} is the same launch with windows: not headless, on this process's {@code DISPLAY}, returning
 * a {@link Running} handle while the application runs so that a test can drive its window with
 * {@link XDisplay} and end it. Beware: with
 * {@code -Xtrustnone} an application signed by an untrusted key is not refused, it runs in the
 * sandbox and fails at its first privileged call, so a test must look for evidence of full
 * permissions, not only at the exit code. {@code -verbose} output names each security decision.
 */
public final class Javaws {

    /** The command, overridable with the system property {@code javaws.command}. */
    public static String command() {
        return System.getProperty("javaws.command", "javaws");
    }

    private Javaws() {}

    /**
     * What {@code javaws} did.
     *
     * @param exitCode exit status of javaws ({@code -1} when it was killed after the timeout)
     * @param output   stdout and stderr, merged
     * @param timedOut true when it had to be killed
     * @param elapsed  wall time
     */
    public record Result(int exitCode, String output, boolean timedOut, Duration elapsed) {

        /** True when the output contains {@code text}. */
        public boolean contains(String text) {
            return output.contains(text);
        }

        /** The application ran with all permissions: IcedTea-Web's own log line for that decision. */
        public boolean grantedAllPermissions() {
            return output.contains("The applet is fully signed and requests permission level: All-Permission")
                    && !output.contains("Denying permission");
        }

        /** The last {@code n} characters, for assertion messages. */
        public String tail(int n) {
            return output.length() <= n ? output : output.substring(output.length() - n);
        }
    }

    /**
     * A fresh IcedTea-Web home: {@code HOME}, {@code XDG_CONFIG_HOME} and {@code XDG_CACHE_HOME} under
     * one directory, and the given signer certificates pre-trusted in
     * {@code $XDG_CONFIG_HOME/icedtea-web/security/trusted.certs} (JKS, password {@code changeit}) -
     * the per-user equivalent of OpenWebStart's {@code deployment.system.security.trusted.certs}.
     *
     * @param directory the profile's root
     */
    public record Profile(Path directory) {

        /** Creates the directories and the trust store. */
        public static Profile create(Path directory, List<Path> trustedSignerCertificates) {
            Profile profile = new Profile(directory.toAbsolutePath());
            try {
                Files.createDirectories(profile.securityDirectory());
                Files.createDirectories(profile.cacheHome());
                KeyStore trusted = KeyStore.getInstance("JKS");
                trusted.load(null, null);
                CertificateFactory x509 = CertificateFactory.getInstance("X.509");
                int i = 0;
                for (Path file : trustedSignerCertificates) {
                    try (InputStream in = Files.newInputStream(file)) {
                        Certificate certificate = x509.generateCertificate(in);
                        trusted.setCertificateEntry("signer-" + i++, certificate);
                    }
                }
                try (OutputStream out = Files.newOutputStream(profile.trustedCerts())) {
                    trusted.store(out, "changeit".toCharArray());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot write " + profile.trustedCerts(), e);
            }
            return profile;
        }

        /** {@code $XDG_CONFIG_HOME}. */
        public Path configHome() {
            return directory.resolve(".config");
        }

        /** {@code $XDG_CACHE_HOME}; IcedTea-Web caches jars in {@code icedtea-web/cache} below it. */
        public Path cacheHome() {
            return directory.resolve(".cache");
        }

        /** {@code $XDG_CONFIG_HOME/icedtea-web/security}. */
        public Path securityDirectory() {
            return configHome().resolve("icedtea-web").resolve("security");
        }

        /** The user trust store of signers. */
        public Path trustedCerts() {
            return securityDirectory().resolve("trusted.certs");
        }

        /** The environment that points javaws (and the application it starts) at this profile. */
        public Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("HOME", directory.toString());
            env.put("XDG_CONFIG_HOME", configHome().toString());
            env.put("XDG_CACHE_HOME", cacheHome().toString());
            return env;
        }
    }

    /**
     * A javaws started by {@link #start}, running until it exits or {@link #close()} ends it (with the
     * application it started, and every other descendant).
     */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final ByteArrayOutputStream output;
        private final Thread reader;
        private final long startNanos;
        private volatile Result result;

        private Running(Process process, ByteArrayOutputStream output, Thread reader, long startNanos) {
            this.process = process;
            this.output = output;
            this.reader = reader;
            this.startNanos = startNanos;
        }

        /** The javaws process (the application runs in it, or in a child it started). */
        public ProcessHandle process() {
            return process.toHandle();
        }

        /** True while javaws has not exited. */
        public boolean isAlive() {
            return process.isAlive();
        }

        /** Time since javaws was started. */
        public Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        /** stdout and stderr of javaws and of the application, merged, so far. */
        public String output() {
            synchronized (output) {
                return output.toString(StandardCharsets.UTF_8);
            }
        }

        /** The last {@code n} characters of {@link #output()}, for assertion messages. */
        public String tail(int n) {
            String text = output();
            return text.length() <= n ? text : text.substring(text.length() - n);
        }

        /**
         * Waits up to {@code timeout} for javaws to exit by itself (e.g. the application closed its window).
         *
         * @return its result, or {@code null} while it still runs
         */
        public Result waitFor(Duration timeout) {
            try {
                if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return finish(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        /**
         * Ends javaws and the application if they still run (descendants first, forcibly) and returns what
         * javaws did; {@link Result#timedOut()} is true when it had to be killed.
         */
        public Result stop() {
            boolean killed = process.isAlive();
            if (killed) {
                killTree(process);
            }
            return finish(killed);
        }

        /** {@link #stop()}. */
        @Override
        public void close() {
            stop();
        }

        private synchronized Result finish(boolean killed) {
            if (result == null) {
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                    reader.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                result = new Result(
                        killed || process.isAlive() ? -1 : process.exitValue(),
                        output(),
                        killed,
                        Duration.ofNanos(System.nanoTime() - startNanos));
            }
            return result;
        }
    }

    /**
     * Starts {@code javaws -Xtrustnone -verbose <jnlp>} NOT headless: its windows and the application's
     * appear on the X display of this process ({@code DISPLAY}, which must be set: run the tests under
     * {@code xvfb-run}, as {@code src/scripts/test.sh} does), and it returns while the application runs.
     * {@code ICEDTEA_WEB_SPLASH=none} is set (IcedTea-Web's own loading splash window would otherwise show
     * while the jars download); with a {@link Profile} whose signer is pre-trusted, IcedTea-Web shows no
     * other window for a signed all-permissions application, and {@code -Xtrustnone} answers any security
     * prompt with no instead of showing it. If the launch fails, IcedTea-Web shows an error dialog and
     * keeps running: look for the application's window with {@link XDisplay#waitForWindow} and always
     * {@link Running#close()} the handle (try-with-resources).
     *
     * @param jnlp         the JNLP URL
     * @param environment  variables set on top of this process's environment, e.g. {@link Profile#environment()}
     * @param extraOptions javaws options placed before the URL
     */
    @SuppressFBWarnings(
            value = "COMMAND_INJECTION",
            justification =
                    "javaws run with an argument list, no shell: the JNLP URL and options are one argument each")
    public static Running start(URI jnlp, Map<String, String> environment, List<String> extraOptions) {
        Objects.requireNonNull(jnlp, "jnlp");
        String display = environment.getOrDefault("DISPLAY", System.getenv("DISPLAY"));
        if (display == null || display.isBlank()) {
            throw new IllegalStateException("javaws with windows needs an X display: DISPLAY is not set"
                    + " (run under xvfb-run, as src/scripts/test.sh does)");
        }
        List<String> command = new ArrayList<>(List.of(command(), "-Xtrustnone", "-verbose"));
        command.addAll(extraOptions);
        command.add(jnlp.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("ICEDTEA_WEB_SPLASH", "none");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.get(0) + " (apt-get install icedtea-netx)", e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        return new Running(process, output, readInto(process, output), start);
    }

    /** Copies the process's (merged) output into {@code output} on a daemon thread, until it closes. */
    static Thread readInto(Process process, ByteArrayOutputStream output) {
        Thread reader = new Thread(
                () -> {
                    try (InputStream in = process.getInputStream()) {
                        in.transferTo(output);
                    } catch (IOException ignored) {
                        // the process went away; what was read so far is kept
                    }
                },
                "javaws-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when {@link #command()} can be run. */
    public static boolean available() {
        try {
            Process process = new ProcessBuilder(command(), "-about", "-headless")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code javaws -headless -Xtrustnone -verbose <jnlp>} with no X display (DISPLAY unset), as on a
     * machine without a desktop: the application sees a headless Java (the client then uses its console).
     *
     * @param jnlp        the JNLP URL (the launch site's, or a test server's)
     * @param environment variables set on top of this process's environment, e.g. {@link Profile#environment()}
     * @param timeout     killed (with all its children) after this
     * @param stdin       bytes for the application's standard input, or {@code null} for none (e.g. a passcode line)
     */
    public static Result launch(URI jnlp, Map<String, String> environment, Duration timeout, byte[] stdin) {
        return launch(jnlp, environment, timeout, stdin, List.of());
    }

    /** As {@link #launch(URI, Map, Duration, byte[])} with extra javaws options placed before the URL. */
    @SuppressFBWarnings(
            value = "COMMAND_INJECTION",
            justification =
                    "javaws run with an argument list, no shell: the JNLP URL and options are one argument each")
    public static Result launch(
            URI jnlp, Map<String, String> environment, Duration timeout, byte[] stdin, List<String> extraOptions) {
        Objects.requireNonNull(jnlp, "jnlp");
        List<String> command = new ArrayList<>(List.of(command(), "-headless", "-Xtrustnone", "-verbose"));
        command.addAll(extraOptions);
        command.add(jnlp.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // -headless is javaws' own switch: the application's JVM still sees an X display under xvfb-run, so the
        // client would open its window (and wait for a card holder) instead of its console. No DISPLAY: headless.
        builder.environment().remove("DISPLAY");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.get(0) + " (apt-get install icedtea-netx)", e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = readInto(process, output);
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException ignored) {
            // javaws may exit before reading its input
        }
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return new Result(
                timedOut ? -1 : process.exitValue(), text, timedOut, Duration.ofNanos(System.nanoTime() - start));
    }
}
