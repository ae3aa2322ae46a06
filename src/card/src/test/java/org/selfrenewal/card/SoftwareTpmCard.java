package org.selfrenewal.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test fixture: a virtual card that really locks. One software TPM ({@code swtpm}) behind the resource
 * manager {@code tpm2-abrmd} on a private session D-Bus, with a tpm2-pkcs11 token created by
 * {@code tpm2_ptool}; three wrong passcodes lock it (CKR_PIN_LOCKED) until {@link #resetLockout()}.
 *
 * <p>The tpm2-pkcs11 module reads its environment once per process, so the JVM must be started with
 * <pre>
 *   TPM2_PKCS11_STORE        = &lt;dir&gt;/store         (the fixture owns &lt;dir&gt; and empties it)
 *   TPM2_PKCS11_TCTI         = tabrmd:bus_type=session
 *   DBUS_SESSION_BUS_ADDRESS = unix:path=&lt;dir&gt;/bus
 * </pre>
 * (a surefire execution's {@code <environmentVariables>}; see src/card/README.md) and {@link #start()} must
 * run before anything in that JVM touches the module. One TPM per JVM; it lives until the JVM exits
 * (a shutdown hook stops the daemons, and the next start kills leftovers of a JVM that was killed).
 * Without the tools or the environment the calling test is skipped, or fails with
 * {@code -Dselfrenewal.requireTools=true}.
 */
public final class SoftwareTpmCard {

    /** The tpm2-pkcs11 module (Debian package libtpm2-pkcs11-1). */
    public static final Path MODULE = Path.of("/usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so");
    /** The TCTI the module and the tools use: tpm2-abrmd on the session bus. */
    public static final String TCTI = "tabrmd:bus_type=session";
    /** Label of the token created by {@code tpm2_ptool}. */
    public static final String LABEL = "tpm-card";

    public static final char[] USER_PIN = "123456".toCharArray();
    public static final char[] SO_PIN = "87654321".toCharArray();
    /** Wrong passcodes the TPM allows before it locks (TPM2_PT_MAX_AUTH_FAIL of a fresh swtpm). */
    public static final int MAX_TRIES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SoftwareTpmCard.class);
    private static final List<String> TOOLS =
            List.of("swtpm", "dbus-daemon", "tpm2-abrmd", "tpm2_ptool", "tpm2_dictionarylockout", "tpm2_getcap");
    private static final String BUS_PREFIX = "unix:path=";
    private static final int MAX_CONNECTIONS = 100;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern LOCKOUT_COUNTER = Pattern.compile("TPM2_PT_LOCKOUT_COUNTER:\\s*0x([0-9a-fA-F]+)");
    private static final AtomicInteger CARD_COUNTER = new AtomicInteger();
    private static SoftwareTpmCard running;

    private final Path directory;
    private final Map<String, String> toolEnvironment;
    private final List<Process> daemons = new ArrayList<>();

    private SoftwareTpmCard(Path directory, Path bus) {
        this.directory = directory;
        this.toolEnvironment = Map.of(
                "TPM2_PKCS11_TCTI",
                TCTI,
                "TPM2TOOLS_TCTI",
                TCTI,
                "TPM2_PKCS11_STORE",
                store(directory).toString(),
                "DBUS_SESSION_BUS_ADDRESS",
                BUS_PREFIX + bus);
    }

    /** The JVM's software TPM with its token, started on first use. */
    public static synchronized SoftwareTpmCard start() {
        if (running != null) {
            return running;
        }
        for (String tool : TOOLS) {
            RequiredTools.need(
                    onPath(tool),
                    tool + " is not installed (apt-get install -y swtpm swtpm-tools"
                            + " libtpm2-pkcs11-1 libtpm2-pkcs11-tools tpm2-tools tpm2-abrmd dbus libtss2-tcti-tabrmd0)");
        }
        RequiredTools.need(Files.isRegularFile(MODULE), MODULE + " is missing (apt-get install -y libtpm2-pkcs11-1)");
        String store = System.getenv("TPM2_PKCS11_STORE");
        String bus = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        RequiredTools.need(
                store != null
                        && bus != null
                        && bus.startsWith(BUS_PREFIX)
                        && TCTI.equals(System.getenv("TPM2_PKCS11_TCTI")),
                "This JVM needs TPM2_PKCS11_STORE=<dir>/store, TPM2_PKCS11_TCTI=" + TCTI
                        + " and DBUS_SESSION_BUS_ADDRESS=unix:path=<dir>/bus (see src/card/README.md)");
        Path directory = Path.of(store).toAbsolutePath().getParent();
        Path busPath = Path.of(bus.substring(BUS_PREFIX.length()));
        SoftwareTpmCard tpm = new SoftwareTpmCard(directory, busPath);
        long started = System.nanoTime();
        try {
            tpm.startDaemons(busPath);
            tpm.run("tpm2_ptool", "init", "--path", store(directory).toString());
            tpm.run(
                    "tpm2_ptool",
                    "addtoken",
                    "--pid=1",
                    "--label=" + LABEL,
                    "--sopin=" + new String(SO_PIN),
                    "--userpin=" + new String(USER_PIN),
                    "--path",
                    store(directory).toString());
        } catch (IOException | RuntimeException e) {
            tpm.stop();
            throw new IllegalStateException("The software TPM did not start; see the logs in " + directory, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(tpm::stop, "software-tpm-stop"));
        LOG.info(
                "Software TPM with token '{}' ready in {} ms ({})",
                LABEL,
                (System.nanoTime() - started) / 1_000_000,
                directory);
        running = tpm;
        return tpm;
    }

    /** The token created by {@code tpm2_ptool}, with {@link #USER_PIN}. */
    public TokenLocation location() {
        return TokenLocation.byLabel(MODULE, LABEL);
    }

    /**
     * Another, empty token on the same TPM with {@link #USER_PIN}, created in this process (C_InitToken +
     * C_InitPIN: tokens that {@code tpm2_ptool} adds later are not seen by a process that has already
     * initialised the module). The lockout counter is shared by all tokens of the TPM.
     */
    public TokenLocation newCard() throws CardException {
        String label = "tpm" + CARD_COUNTER.incrementAndGet() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        TokenInitializer.initialiseBlankToken(MODULE, label, SO_PIN, USER_PIN);
        return TokenLocation.byLabel(MODULE, label);
    }

    /** Clears the TPM's dictionary-attack lockout counter (unlocks every token). */
    public void resetLockout() {
        run("tpm2_dictionarylockout", "--clear-lockout");
    }

    /** Failed authorisations the TPM counts (TPM2_PT_LOCKOUT_COUNTER); {@link #MAX_TRIES} means locked. */
    public int lockoutCounter() {
        String out = run("tpm2_getcap", "properties-variable");
        Matcher m = LOCKOUT_COUNTER.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("tpm2_getcap printed no lockout counter: " + out);
        }
        return Integer.parseInt(m.group(1), 16);
    }

    /** Where the TPM state, the token store, the bus socket and the daemons' logs are. */
    public Path directory() {
        return directory;
    }

    /** Environment for a process that should use this TPM (tpm2-tools, tpm2_ptool, the module). */
    public Map<String, String> environment() {
        return toolEnvironment;
    }

    private static Path store(Path directory) {
        return directory.resolve("store");
    }

    private void startDaemons(Path bus) throws IOException {
        Daemons.killLeftovers(directory);
        emptyDirectory(directory);
        Files.createDirectories(directory.resolve("state"));
        Files.createDirectories(store(directory));
        int port = startSwtpm();
        Process dbus = launch(
                "dbus-daemon",
                List.of("dbus-daemon", "--session", "--nofork", "--address=" + BUS_PREFIX + bus, "--print-address=1"));
        awaitFile(bus, dbus);
        // Every tpm2-pkcs11 token in a process keeps its own connection (default limit 27).
        Process abrmd = launch(
                "tpm2-abrmd",
                List.of(
                        "tpm2-abrmd",
                        "--session",
                        "--allow-root",
                        "--max-connections=" + MAX_CONNECTIONS,
                        "--tcti=swtpm:host=127.0.0.1,port=" + port));
        awaitResourceManager(abrmd);
        Daemons.record(directory, daemons);
    }

    /** Starts swtpm on free ports (again on other ones if another process took them meanwhile). */
    private int startSwtpm() throws IOException {
        for (int attempt = 1; ; attempt++) {
            int[] ports = freePorts();
            Process swtpm = launch(
                    "swtpm",
                    List.of(
                            "swtpm",
                            "socket",
                            "--tpm2",
                            "--tpmstate",
                            "dir=" + directory.resolve("state"),
                            "--server",
                            "type=tcp,port=" + ports[0] + ",bindaddr=127.0.0.1",
                            "--ctrl",
                            "type=tcp,port=" + ports[1] + ",bindaddr=127.0.0.1",
                            "--flags",
                            "not-need-init,startup-clear"));
            try {
                awaitPort(ports[0], swtpm);
                return ports[0];
            } catch (IllegalStateException e) {
                daemons.remove(swtpm);
                Daemons.stop(swtpm);
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Starts a daemon (stopped with the fixture), its output going to {@code <name>.log}. */
    private Process launch(String name, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        pb.environment().putAll(toolEnvironment);
        Process process = pb.start();
        daemons.add(process);
        return process;
    }

    /** Runs a TPM tool to completion; returns its output, fails on a non-zero exit. */
    private String run(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(toolEnvironment);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command[0] + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        command[0] + " " + command[1] + " exited " + p.exitValue() + ": " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitResourceManager(Process abrmd) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            requireAlive(abrmd, "tpm2-abrmd");
            try {
                resetLockout(); // succeeds once tpm2-abrmd has registered on the bus
                return;
            } catch (IllegalStateException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                pause();
            }
        }
    }

    private void awaitPort(int port, Process owner) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            requireAlive(owner, "swtpm");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("swtpm is not listening on port " + port);
                }
                pause();
            }
        }
    }

    private void awaitFile(Path file, Process owner) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (!Files.exists(file)) {
            requireAlive(owner, "dbus-daemon");
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("dbus-daemon did not create " + file);
            }
            pause();
        }
    }

    private void requireAlive(Process process, String name) {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + "; see " + directory.resolve(name + ".log"));
        }
    }

    private synchronized void stop() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Daemons.stop(daemons.get(i));
        }
        daemons.clear();
    }

    /** Two free consecutive ports: the swtpm TCTI expects the control port right after the server port. */
    private static int[] freePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket server = new ServerSocket(0)) {
                int port = server.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket control = new ServerSocket(port + 1)) {
                        return new int[] {port, control.getLocalPort()};
                    } catch (IOException taken) {
                        // try another pair
                    }
                }
            }
        }
        throw new IOException("no two free consecutive ports for swtpm");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
        return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.equals(dir))
                    .toList()) {
                Files.delete(p);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
