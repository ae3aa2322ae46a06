package org.selfrenewal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.launch.JarReference;
import org.selfrenewal.launch.LaunchSiteConfig;

/** Every server command answers --help and -V, refuses a bad option, and checks its values before acting. */
class ServerCommandLineTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(
            strings = {
                "",
                "serve",
                "deployment-kit",
                "issue-card",
                "revoke-card",
                "audit",
                "audit verify",
                "ca",
                "ca import",
                "ca status"
            })
    void helpOnEveryCommand(String command) {
        Run run = run(command(command, "--help"));
        assertEquals(0, run.exitCode, run.all());
        assertTrue(
                run.out.startsWith("Usage: selfrenewal-server" + (command.isEmpty() ? "" : " " + command)), run.all());
        assertTrue(run.out.contains("-V, --version"), run.out);
        assertEquals("", run.err);
    }

    @ParameterizedTest(name = "{0} -V")
    @ValueSource(
            strings = {
                "",
                "serve",
                "deployment-kit",
                "issue-card",
                "revoke-card",
                "audit",
                "audit verify",
                "ca",
                "ca import",
                "ca status"
            })
    void versionOnEveryCommand(String command) {
        Run run = run(command(command, "-V"));
        assertEquals(0, run.exitCode, run.all());
        assertTrue(run.out.startsWith("selfrenewal-server "), run.all());
        assertTrue(run.out.strip().length() > "selfrenewal-server ".length(), run.out);
    }

    @ParameterizedTest(name = "{0} --no-such-option")
    @ValueSource(
            strings = {
                "",
                "serve",
                "deployment-kit",
                "issue-card",
                "revoke-card",
                "audit",
                "audit verify",
                "ca",
                "ca import",
                "ca status"
            })
    void badOptionOnEveryCommand(String command) {
        Run run = run(command(command, "--no-such-option"));
        assertEquals(2, run.exitCode, run.all());
        assertTrue(
                run.err.contains("Unknown option: '--no-such-option'") || run.err.contains("Missing required option"),
                run.all());
        assertTrue(run.err.contains("Usage: "), "a usage error shows the usage: " + run.err);
        assertEquals("", run.out);
    }

    @Test
    @DisplayName("audit verify without a database says so and creates none")
    void auditVerifyWithoutADatabase() {
        Path data = work.resolve("no-data");
        Run run = run("audit", "verify", "--data-dir", data.toString());
        assertEquals(2, run.exitCode, run.all());
        assertTrue(run.err.contains("no database in --data-dir " + data + ": nothing to verify"), run.err);
        assertFalse(Files.exists(data.resolve("db")), "nothing created");
    }

    @Test
    @DisplayName("serve --port 99999 fails before creating a CA hierarchy")
    void portOutOfRangeCreatesNothing() {
        Path data = work.resolve("data");
        Run run = run("serve", "--data-dir", data.toString(), "--port", "99999");
        assertEquals(2, run.exitCode, run.all());
        assertTrue(run.err.contains("--port must be a TCP port from 1 to 65535"), run.err);
        assertFalse(Files.exists(data), "nothing created");
    }

    @Test
    @DisplayName("a data directory that is a file is refused by serve and the RA commands")
    void dataDirectoryThatIsAFile() throws Exception {
        Path file = Files.writeString(work.resolve("data"), "not a directory");
        for (String[] args : List.of(
                new String[] {"serve", "--data-dir", file.toString()},
                new String[] {"revoke-card", "--data-dir", file.toString(), "--card-id", "1"},
                new String[] {
                    "issue-card",
                    "--data-dir",
                    file.toString(),
                    "--name",
                    "A",
                    "--expires-in",
                    "30d",
                    "--new-virtual-card",
                    "x"
                })) {
            Run run = run(args);
            assertEquals(2, run.exitCode, run.all());
            assertTrue(run.err.contains("--data-dir " + file + " is a file, not a directory"), run.err);
        }
    }

    @Test
    @DisplayName("serve refuses missing files and unset variables before creating anything")
    void serveChecksFilesAndVariables() {
        Path data = work.resolve("data");
        assertRefused(
                "--tls-keystore " + work.resolve("none.p12") + " does not exist",
                "serve",
                "--data-dir",
                data.toString(),
                "--tls-keystore",
                work.resolve("none.p12").toString());
        assertRefused(
                "--site-config " + work.resolve("trust.properties") + " does not exist",
                "serve",
                "--data-dir",
                data.toString(),
                "--site-config",
                work.resolve("trust.properties").toString());
        assertRefused(
                "--jar-dir " + work.resolve("jars") + " does not exist",
                "serve",
                "--data-dir",
                data.toString(),
                "--jar-dir",
                work.resolve("jars").toString());
        assertRefused(
                "--jdbc-password-env names SELFRENEWAL_UNSET_VARIABLE_FOR_TEST, which is not set",
                "serve",
                "--data-dir",
                data.toString(),
                "--jdbc-password-env",
                "SELFRENEWAL_UNSET_VARIABLE_FOR_TEST");
        assertRefused(
                "--public-url must be an http(s) address with a host",
                "serve",
                "--data-dir",
                data.toString(),
                "--public-url",
                "uim.example.nhs.uk");
        assertRefused(
                "--plain-http is only allowed on a loopback address",
                "serve",
                "--data-dir",
                data.toString(),
                "--plain-http",
                "--host",
                "0.0.0.0");
        assertFalse(Files.exists(data), "nothing created");
    }

    @Test
    @DisplayName("serve refuses a jar directory lacking the jar its JNLP names, saying what to pass")
    void serveRefusesAJarDirectoryWithoutTheClientJar() throws Exception {
        Path data = work.resolve("data");
        Path jars = Files.createDirectories(work.resolve("jars"));
        assertRefused(
                "--jar-dir " + jars + " lacks selfrenewal-client-0.1.0-SNAPSHOT.jar, "
                        + "selfrenewal-natives-linux-x86_64-0.1.0-SNAPSHOT.jar, selfrenewal-natives-linux-x86-0.1.0-SNAPSHOT.jar, "
                        + "selfrenewal-natives-linux-aarch64-0.1.0-SNAPSHOT.jar, selfrenewal-natives-linux-arm-0.1.0-SNAPSHOT.jar, "
                        + "selfrenewal-natives-macos-0.1.0-SNAPSHOT.jar, selfrenewal-natives-windows-x86_64-0.1.0-SNAPSHOT.jar, "
                        + "selfrenewal-natives-windows-x86-0.1.0-SNAPSHOT.jar, which the JNLP names "
                        + "(client.jars): pass the folder with the signed client jars",
                "serve",
                "--data-dir",
                data.toString(),
                "--port",
                "0",
                "--jar-dir",
                jars.toString());
        assertFalse(Files.exists(data), "nothing created");
    }

    @Test
    @DisplayName("issue-card refuses a bad expiry before asking for the passcode or creating anything")
    void issueCardChecksBeforePrompting() {
        Path data = work.resolve("data");
        Run run = run(
                "issue-card",
                "--data-dir",
                data.toString(),
                "--name",
                "Jane Doe",
                "--expires-in",
                "30 days",
                "--new-virtual-card",
                "card");
        assertEquals(2, run.exitCode, run.all());
        assertTrue(run.err.contains("--expires-in takes a number of days"), run.err);
        assertFalse(run.out.contains("Passcode"), run.out);
        assertFalse(Files.exists(data), "nothing created");
    }

    @Test
    @DisplayName("issue-card as a process: the passcode prompt and the result on stdout, every log line on stderr")
    void issueCardKeepsLogsOffStdout() throws Exception {
        boolean installed = SoftHsmTokens.isInstalled();
        if (Boolean.getBoolean("selfrenewal.requireTools")) {
            assertTrue(installed, "SoftHSM2 is not installed (apt-get install softhsm2)");
        }
        Assumptions.assumeTrue(installed, "SoftHSM2 is not installed");
        SoftHsmTokens cards = SoftHsmTokens.inDirectory(Files.createDirectories(work.resolve("cards")));
        cards.ensureConfigured();
        Map<String, String> environment = cards.environment();
        Process process = javaProcess(
                environment,
                "issue-card",
                "--data-dir",
                work.resolve("data").toString(),
                "--name",
                "Jane Doe",
                "--expires-in",
                "30d",
                "--new-virtual-card",
                "jane");
        try (OutputStream in = process.getOutputStream()) {
            in.write("123456\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "issue-card finished");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out + err);
        assertTrue(out.startsWith("Passcode for the card: "), out);
        assertTrue(out.contains("Registered card 1 for Jane Doe"), out);
        assertFalse(out.contains(" INFO ") || out.contains(" WARN "), "no log line on stdout: " + out);
        assertTrue(err.contains(" INFO "), "the CA's creation is logged on stderr: " + err);
    }

    @Test
    @DisplayName("production refuses the development CA: a public --public-url with everything else the trust's own")
    void publicAddressRefusesTheDevelopmentCa() throws Exception {
        Run run = run(production(
                "--tls-keystore",
                tlsKeyStore(),
                "--tls-password-env",
                "PATH",
                "--site-config",
                siteConfig("Example NHS Trust")));
        assertEquals(2, run.exitCode, run.all());
        assertTrue(
                run.err.contains("--public-url https://uim.example.nhs.uk is where card holders renew their "
                        + "smartcards, but the service would run on development defaults:"),
                run.err);
        assertTrue(
                run.err.contains("  - the development CA (" + work.resolve("data/ca")
                        + " holds no CA; the first start would create a development hierarchy)"),
                run.err);
        assertFalse(
                run.err.contains("  - the development TLS") || run.err.contains("  - no site configuration"), run.err);
        assertTrue(run.err.contains("--allow-development-defaults"), run.err);
        assertFalse(Files.exists(work.resolve("data")), "nothing created");
    }

    @Test
    @DisplayName("production refuses an existing development CA, naming its root")
    void publicAddressRefusesAnExistingDevelopmentCa() throws Exception {
        DevelopmentHierarchy.loadOrCreate(Files.createDirectories(work.resolve("data/ca")));
        Run run = run(production(
                "--tls-keystore",
                tlsKeyStore(),
                "--tls-password-env",
                "PATH",
                "--site-config",
                siteConfig("Example NHS Trust")));
        assertEquals(2, run.exitCode, run.all());
        assertTrue(
                run.err.contains("  - the development CA (" + work.resolve("data/ca/root-ca.pem") + ": CN="), run.err);
        assertTrue(run.err.contains("O=Smartcard Self-Renewal (development)"), run.err);
    }

    @Test
    @DisplayName("production refuses the development TLS certificate")
    void publicAddressRefusesTheDevelopmentTlsCertificate() throws Exception {
        Run run = run(production("--site-config", siteConfig("Example NHS Trust")));
        assertEquals(2, run.exitCode, run.all());
        assertTrue(
                run.err.contains("  - the development TLS certificate (pass --tls-keystore FILE "
                        + "--tls-password-env VAR with the service's own certificate)"),
                run.err);
        assertFalse(run.err.contains("  - no site configuration"), run.err);
    }

    @Test
    @DisplayName("production refuses to run without a site configuration, or with one keeping the development trust")
    void publicAddressRefusesTheDevelopmentTrust() throws Exception {
        Run none = run(production("--tls-keystore", tlsKeyStore(), "--tls-password-env", "PATH"));
        assertEquals(2, none.exitCode, none.all());
        assertTrue(
                none.err.contains("  - no site configuration: the page would name the Development NHS Trust and "
                        + "its contacts (pass --site-config FILE, keys in src/launch/README.md)"),
                none.err);
        assertFalse(none.err.contains("  - the development TLS"), none.err);
        Path developmentTrust = siteConfig("Development NHS Trust");
        Run kept = run(production(
                "--tls-keystore", tlsKeyStore(), "--tls-password-env", "PATH", "--site-config", developmentTrust));
        assertEquals(2, kept.exitCode, kept.all());
        assertTrue(
                kept.err.contains("  - --site-config " + developmentTrust
                        + " keeps the development trust.name (Development NHS Trust)"),
                kept.err);
        assertFalse(Files.exists(work.resolve("data")), "nothing created");
    }

    @Test
    @DisplayName("loopback and unset public addresses are development, not production")
    void onlyNonLoopbackAddressesArePublic() {
        assertFalse(DevelopmentDefaults.isPublic(null));
        assertFalse(DevelopmentDefaults.isPublic(URI.create("https://localhost:8443")));
        assertFalse(DevelopmentDefaults.isPublic(URI.create("https://127.0.0.1:8443")));
        assertTrue(DevelopmentDefaults.isPublic(URI.create("https://uim.example.nhs.uk")));
        assertTrue(DevelopmentDefaults.isPublic(URI.create("https://10.1.2.3")));
    }

    @Test
    void caImportNeedsAPinSourceAndNeverTakesThePinOnTheCommandLine() throws Exception {
        Path chain = Files.writeString(work.resolve("chain.pem"), "not read before the options are checked");
        String[] withoutPin = {
            "ca",
            "import",
            "--data-dir",
            work.resolve("data").toString(),
            "--pkcs11-library",
            chain.toString(),
            "--token-label",
            "CA",
            "--authentication-chain",
            chain.toString(),
            "--authentication-key-label",
            "a",
            "--signing-chain",
            chain.toString(),
            "--signing-key-label",
            "s"
        };
        Run run = run(withoutPin);
        assertEquals(2, run.exitCode, run.all());
        assertTrue(run.err.contains("Missing required argument") && run.err.contains("--pin-env"), run.err);

        Run unset = run(withoutPin, "--pin-env", "SELFRENEWAL_TEST_UNSET_PIN");
        assertEquals(2, unset.exitCode, unset.all());
        assertTrue(unset.err.contains("--pin-env names SELFRENEWAL_TEST_UNSET_PIN, which is not set"), unset.err);

        Run pinOption = run(withoutPin, "--pin", "1234");
        assertEquals(2, pinOption.exitCode, pinOption.all());
        assertTrue(pinOption.err.contains("Unknown options: '--pin'"), pinOption.err);
        assertFalse(Files.exists(work.resolve("data")), "nothing created");
    }

    @Test
    void caStatusWithoutACaSaysHowToGetOne() throws Exception {
        Files.createDirectories(work.resolve("data"));
        Run run = run("ca", "status", "--data-dir", work.resolve("data").toString());
        assertEquals(1, run.exitCode, run.all());
        assertTrue(run.out.contains("serve creates the development CA on its first start, or ca import"), run.out);
    }

    @Test
    void serveWithAnImportedCaNeedsTheServicesOwnTlsCertificate() throws Exception {
        Path ca = Files.createDirectories(work.resolve("data").resolve("ca"));
        Files.writeString(ca.resolve("hsm-ca.properties"), "# only its presence is checked here\n");
        assertRefused("its root's key is not here to make a development TLS certificate", production());
    }

    /** serve at a public address, with a jar directory holding the jar the JNLP names, and {@code more}. */
    private String[] production(Object... more) throws Exception {
        Path jars = Files.createDirectories(work.resolve("jars"));
        // every jar the JNLP names: the client and the card library's native code, one jar per platform
        for (JarReference jar : LaunchSiteConfig.developmentDefaults().clientJars()) {
            Files.writeString(jars.resolve(jar.href().substring(jar.href().lastIndexOf('/') + 1)), "a jar");
        }
        List<String> args = new ArrayList<>(List.of(
                "serve",
                "--data-dir",
                work.resolve("data").toString(),
                "--port",
                "0",
                "--public-url",
                "https://uim.example.nhs.uk",
                "--jar-dir",
                jars.toString()));
        for (Object value : more) {
            args.add(value.toString());
        }
        return args.toArray(String[]::new);
    }

    private Path tlsKeyStore() throws Exception {
        return Files.writeString(work.resolve("uim.p12"), "the trust's own keystore (only its presence is checked)");
    }

    private Path siteConfig(String trustName) throws Exception {
        return Files.writeString(
                work.resolve(trustName.replace(' ', '-') + ".properties"),
                "trust.name=" + trustName + "\ntrust.itPhone=01234 567890\n");
    }

    private void assertRefused(String message, String... args) {
        Run run = run(args);
        assertEquals(2, run.exitCode, run.all());
        assertTrue(run.err.contains(message), run.err);
    }

    private static Process javaProcess(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ServerMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static Run run(String[] command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** A (sub)command such as "audit verify" followed by {@code option}. */
    private static String[] command(String command, String option) {
        List<String> words = new ArrayList<>(List.of(command.split(" ")));
        words.add(option);
        return words.toArray(String[]::new);
    }

    private static Run run(String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.remove("");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ServerMain.run(
                arguments.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }
}
