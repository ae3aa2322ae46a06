package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.client.ClientMain;
import org.selfrenewal.client.WebStartLaunch;
import org.selfrenewal.launch.CardMiddleware;
import org.selfrenewal.launch.LaunchSiteConfig;
import org.selfrenewal.server.ServerMain;
import org.selfrenewal.webstart.Javaws;
import org.selfrenewal.webstart.NativePlatform;
import org.selfrenewal.webstart.SignedTemplate;
import org.selfrenewal.webstart.WebstartBundle;
import org.selfrenewal.webstart.XDisplay;

/**
 * A real JNLP client (IcedTea-Web {@code javaws -headless -Xtrustnone}, the code base OpenWebStart grew
 * from) fetches the JNLP our server generates and the signed jar it serves, and the client it starts renews
 * a SoftHSM2 card against that server. -Xtrustnone runs untrusted code sandboxed instead of refusing it,
 * so success is proven by the renewal itself (only a fully trusted client can reach the card), and each
 * refusal by the card staying as it was.
 */
class WebStartLaunchTest {

    private static final Path SIGNED_JARS = Path.of(
                    System.getProperty("selfrenewal.webstart.jars", "../webstart/target/jars"))
            .toAbsolutePath()
            .normalize();
    private static final Path UNSIGNED_CLIENT = Path.of(
                    System.getProperty("selfrenewal.client.unsignedJar", "../client/target/selfrenewal-client.jar"))
            .toAbsolutePath()
            .normalize();
    private static final String JAR_NAME = "selfrenewal-client-0.1.0-SNAPSHOT.jar";
    /** The card library's native code, one signed jar per platform beside the client jar (src/webstart). */
    private static final String NATIVES_JAR_NAME = "selfrenewal-natives-{platform}-0.1.0-SNAPSHOT.jar";

    /** Headless launches run the client's console: under Xvfb it would otherwise open its window and wait. */
    private static final List<String> CONSOLE = List.of("-J-D" + WebStartLaunch.CONSOLE_PROPERTY + "=true");

    private Path work;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install softhsm2)");
        RequiredTools.need(Javaws.available(), "IcedTea-Web javaws is not installed (apt-get install icedtea-netx)");
        RequiredTools.need(Files.isRegularFile(SIGNED_JARS.resolve(JAR_NAME)), "signed jars not built: " + SIGNED_JARS);
        work = TestDirectories.fresh(test);
    }

    @Test
    @DisplayName("launch: javaws starts our signed client from our JNLP, which renews the card")
    void javawsLaunchRenewsTheCard() throws Exception {
        Launch launch = launch(SIGNED_JARS, site -> site);
        assertTrue(launch.result.grantedAllPermissions(), launch.result.tail(40));
        assertTrue(launch.result.contains(ClientMain.SUCCESS), launch.result.tail(40));
        assertNotEquals(launch.before, launch.after, "the card must hold new certificates");
    }

    @Test
    @DisplayName("launch over https: with only the deployment kit's trust stores installed, javaws renews the card")
    void javawsLaunchOverHttpsRenewsTheCard() throws Exception {
        Path jars = Files.createDirectories(work.resolve("deployment-jars"));
        try (InProcessServer server = InProcessServer.start(work, true, jars)) {
            packageForDeployment(jars, Files.readAllBytes(server.rootCaPem()));
            VirtualCardRig card = cardDueIn30Days(server);
            List<String> before = card.certificateSerials();
            Map<String, String> environment = kitEnvironment(server, jars, card);

            Javaws.Result result = consoleLaunch(server, environment);

            assertTrue(server.baseUri().toString().startsWith("https://"));
            assertTrue(result.contains(ClientMain.SUCCESS), result.tail(40));
            assertNotEquals(before, card.certificateSerials());
        }
    }

    @Test
    @DisplayName("launch over https, no rebuild: the build's own signed jar and the deployment kit renew the card")
    void javawsLaunchOverHttpsWithTheBuildsJarAndTheKit() throws Exception {
        try (InProcessServer server = InProcessServer.start(work, true, SIGNED_JARS)) {
            VirtualCardRig card = cardDueIn30Days(server);
            List<String> before = card.certificateSerials();
            Map<String, String> environment = kitEnvironment(server, SIGNED_JARS, card);
            Javaws.Result result = consoleLaunch(server, environment);
            assertTrue(result.contains(ClientMain.SUCCESS), result.tail(40));
            assertNotEquals(before, card.certificateSerials());
        }
    }

    @Test
    @DisplayName("window: javaws under Xvfb opens the Smartcard Service window, driven by keyboard to a renewal")
    void javawsWindowRenewsByKeyboard() throws Exception {
        RequiredTools.need(XDisplay.available(), XDisplay.whatIsMissing());
        Path jars = Files.createDirectories(work.resolve("deployment-jars"));
        try (InProcessServer server = InProcessServer.start(work, true, jars)) {
            packageForDeployment(jars, Files.readAllBytes(server.rootCaPem()));
            VirtualCardRig card = cardDueIn30Days(server);
            List<String> before = card.certificateSerials();
            Map<String, String> environment = kitEnvironment(server, jars, card);
            Path state = work.resolve("state");
            environment.put("XDG_STATE_HOME", state.toString());
            Path clientLog = state.resolve("smartcard-self-renewal/logs/smartcard-service.log");
            Path screenshots =
                    Files.createDirectories(Path.of(System.getProperty("selfrenewal.screenshots", "target/screenshots"))
                            .resolve("javaws"));

            try (Javaws.Running app = Javaws.start(
                    URI.create(server.baseUri() + "/urswebapp/selfrenewal.jnlp"), environment, List.of())) {
                XDisplay.Window window = XDisplay.waitForWindow("^Smartcard Service$", Duration.ofSeconds(120));
                waitForLog(clientLog, "Card read:", app);
                assertTrue(
                        Files.readString(clientLog).contains("(Development NHS Trust)"),
                        "the JNLP passed the trust's name from the site configuration");
                XDisplay.screenshot(window, screenshots.resolve("1-select-service.png"));
                XDisplay.key(window, "Return");
                waitForLog(clientLog, "The service accepts renewing this card", app);
                XDisplay.type(window, VirtualCardRig.PASSCODE);
                XDisplay.key(window, "Return");
                waitForLog(clientLog, "Logged in to the card", app);
                XDisplay.key(window, "Return");
                waitForLog(clientLog, "Renewed: both certificates on the card are new", app);
                Thread.sleep(500);
                XDisplay.screenshot(window, screenshots.resolve("2-success.png"));
                XDisplay.screenshot(screenshots.resolve("display.png"));
                XDisplay.key(window, "Escape");
                Javaws.Result result = app.waitFor(Duration.ofSeconds(30));
                Files.writeString(work.resolve("javaws.log"), result.output());
                assertTrue(result.grantedAllPermissions(), result.tail(40));
                assertFalse(app.isAlive(), "Escape on the result closes the window and ends the application");
            }
            List<String> after = card.certificateSerials();
            assertEquals(2, after.size(), after.toString());
            after.forEach(serial -> assertFalse(before.contains(serial), "every certificate is new"));
            assertFalse(Files.readString(clientLog).contains(VirtualCardRig.PASSCODE), "no passcode in the log");
        }
    }

    /** Waits up to two minutes for the launched client to log {@code marker}. */
    private static void waitForLog(Path log, String marker, Javaws.Running app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(log) && Files.readString(log).contains(marker)) {
                return;
            }
            if (!app.isAlive()) {
                throw new AssertionError("the client ended before '" + marker + "': " + app.tail(40));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the client never logged '" + marker + "'; log: "
                + (Files.isRegularFile(log) ? Files.readString(log) : "(none)") + "\njavaws: " + app.tail(40));
    }

    @Test
    @DisplayName(
            "fail/not-our-service: a jar pinned to its trust's host refuses a JNLP naming another server, card untouched")
    void pinnedJarRefusesAnotherService() throws Exception {
        Path jars = Files.createDirectories(work.resolve("pinned-jars"));
        try (InProcessServer server = InProcessServer.start(work, true, jars)) {
            packageForDeployment(jars, Files.readAllBytes(server.rootCaPem()), "uim.example.nhs.uk");
            VirtualCardRig card = cardDueIn30Days(server);
            List<String> before = card.certificateSerials();
            Map<String, String> environment = kitEnvironment(server, jars, card);
            Javaws.Result result = consoleLaunch(server, environment);
            assertTrue(result.grantedAllPermissions(), result.tail(40));
            assertTrue(result.contains("not for “127.0.0.1”, so your smartcard was not used"), result.tail(40));
            assertFalse(result.contains("Enter your smartcard passcode"), "refused before the card is touched");
            assertEquals(before, card.certificateSerials());
        }
    }

    @Test
    @DisplayName("fail/unsigned-jar: an unsigned client jar is refused, the card untouched")
    void unsignedJarRefused() throws Exception {
        Path jars = Files.createDirectories(work.resolve("unsigned-jars"));
        Files.copy(UNSIGNED_CLIENT, jars.resolve(JAR_NAME));
        copyPlatformJars(jars);
        Launch launch = launch(jars, site -> site);
        assertRefused(launch, "Cannot grant permissions to unsigned jars");
    }

    @Test
    @DisplayName("fail/other-signer: a jar signed by a key the machine does not trust runs sandboxed and cannot renew")
    void jarSignedByAnotherKeyRefused() throws Exception {
        Path jars = Files.createDirectories(work.resolve("other-signer-jars"));
        Path jar = jars.resolve(JAR_NAME);
        Files.copy(SIGNED_JARS.resolve(JAR_NAME), jar);
        copyPlatformJars(jars);
        stripSignature(jar);
        Path keystore = work.resolve("other.p12");
        run(
                "keytool",
                "-genkeypair",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "other",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=Someone Else",
                "-validity",
                "30");
        run("jarsigner", "-keystore", keystore.toString(), "-storepass", "changeit", jar.toString(), "other");
        for (NativePlatform platform : NativePlatform.values()) { // the whole application signed by the other key
            Path platformJar = jars.resolve(WebstartBundle.nativesJarName(NATIVES_JAR_NAME, platform));
            stripSignature(platformJar);
            run(
                    "jarsigner",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    "changeit",
                    platformJar.toString(),
                    "other");
        }
        Launch launch = launch(jars, site -> site);
        assertFalse(launch.result.grantedAllPermissions(), launch.result.tail(40));
        assertRefused(launch, "Sandbox");
    }

    @Test
    @DisplayName("fail/tampered-jar: a class changed after signing is refused")
    void tamperedJarRefused() throws Exception {
        Path jars = Files.createDirectories(work.resolve("tampered-jars"));
        Path jar = jars.resolve(JAR_NAME);
        Files.copy(SIGNED_JARS.resolve(JAR_NAME), jar);
        copyPlatformJars(jars);
        rewrite(
                jar,
                (name, bytes) ->
                        name.equals("org/selfrenewal/client/WebStartLaunch.class") ? appendByte(bytes) : bytes);
        Launch launch = launch(jars, site -> site);
        assertRefused(launch, "digest error");
    }

    @Test
    @DisplayName("fail/template-mismatch: a served JNLP whose arguments differ from the signed template is refused")
    void jnlpNotMatchingSignedTemplateRefused() throws Exception {
        Launch launch = launch(
                SIGNED_JARS,
                site -> site.clientArguments(List.of(site.build().serverUrl().toString(), "operation=changePasscode")));
        assertRefused(launch, "signed JNLP file did not match");
    }

    @Test
    @DisplayName("card middleware: the Linux library the site configuration names reaches the client, which names it")
    void theSiteConfigurationsCardLibraryReachesTheClientThroughTheJnlp() throws Exception {
        String missing = "/opt/no-such-middleware/lib/vendor-pkcs11.so";
        Launch launch = launch(
                SIGNED_JARS,
                site -> site.cardMiddleware(CardMiddleware.defaults()
                        .with(CardMiddleware.Os.LINUX, missing, CardMiddleware.DEFAULT_TOKEN)));
        assertTrue(launch.result.grantedAllPermissions(), launch.result.tail(40));
        assertTrue(
                launch.result.contains("The smartcard software on this computer could not be found (" + missing + ")"),
                launch.result.tail(40));
        assertEquals(launch.before, launch.after, "the card is untouched");
    }

    /** The build's signed platform jars (the card library's native code), which the JNLP names beside the client. */
    private static void copyPlatformJars(Path jars) throws IOException {
        for (NativePlatform platform : NativePlatform.values()) {
            String name = WebstartBundle.nativesJarName(NATIVES_JAR_NAME, platform);
            Files.copy(SIGNED_JARS.resolve(name), jars.resolve(name));
        }
    }

    private Launch launch(Path jarDirectory, UnaryOperator<LaunchSiteConfig.Builder> site) throws Exception {
        try (InProcessServer server = InProcessServer.start(work, false, jarDirectory, null, null, site)) {
            VirtualCardRig card = new VirtualCardRig(work, server);
            card.issueCard(server.now().plus(Duration.ofDays(30)));
            List<String> before = card.certificateSerials();
            Map<String, String> environment = new HashMap<>(
                    Javaws.Profile.create(work.resolve("javaws-home"), List.of(SIGNED_JARS.resolve("signer.cer")))
                            .environment());
            environment.putAll(card.environment());
            Javaws.Result result = consoleLaunch(server, environment);
            return new Launch(result, before, card.certificateSerials());
        }
    }

    /**
     * What a deployment does (signing/README.md): bundle the unsigned client with the signed template and the
     * server's CA, then sign with the build's development key using the same script trust IT uses.
     */
    private void packageForDeployment(Path jars, byte[] trustAnchorsPem) throws Exception {
        packageForDeployment(jars, trustAnchorsPem, null);
    }

    /** As above, with the service hosts the signed jar pins ({@code null}: none, any https host). */
    private void packageForDeployment(Path jars, byte[] trustAnchorsPem, String pinnedHosts) throws Exception {
        Path repo = Path.of(System.getProperty("selfrenewal.repo", "../.."))
                .toAbsolutePath()
                .normalize();
        List<SignedTemplate.PlatformJar> platformJars = new ArrayList<>();
        for (NativePlatform platform : WebstartBundle.platformsIn(UNSIGNED_CLIENT)) {
            platformJars.add(new SignedTemplate.PlatformJar(platform.os(), platform.arch(), SignedTemplate.WILDCARD));
        }
        String template = SignedTemplate.render(
                Files.readString(repo.resolve("jnlp/selfrenewal.jnlp.template")),
                SignedTemplate.Values.template(
                        WebstartBundle.DEFAULT_MAIN_CLASS,
                        List.of(SignedTemplate.WILDCARD),
                        platformJars,
                        WebstartBundle.DEFAULT_OPERATION));
        Map<String, byte[]> deployment = new HashMap<>(Map.of(WebstartBundle.TRUST_ANCHORS_ENTRY, trustAnchorsPem));
        if (pinnedHosts != null) {
            deployment.put(WebstartBundle.ALLOWED_HOSTS_ENTRY, WebstartBundle.allowedHostsFile(pinnedHosts));
        }
        WebstartBundle.build(
                UNSIGNED_CLIENT,
                jars,
                JAR_NAME,
                template,
                WebstartBundle.webStartAttributes(
                        WebstartBundle.DEFAULT_MAIN_CLASS,
                        SignedTemplate.WILDCARD,
                        WebstartBundle.DEFAULT_APPLICATION_NAME),
                deployment,
                NATIVES_JAR_NAME);
        Path keys = SIGNED_JARS.resolveSibling("dev-signing");
        run(
                "bash",
                repo.resolve("signing/sign-jars.sh").toString(),
                "--pkcs12",
                keys.resolve("dev-codesign.p12").toString(),
                "--alias",
                "dev-codesign",
                "--storepass-file",
                keys.resolve("dev-codesign.pass").toString(),
                jars.toString());
    }

    /**
     * A fresh IcedTea-Web home with nothing trusted but what {@code deployment-kit} wrote for this server, as it
     * wrote it: its {@code trusted.certs} (the jar signer) and {@code jssecacerts} (the server's TLS root) are
     * installed as IcedTea-Web's user-level stores ({@code $XDG_CONFIG_HOME/icedtea-web/security/trusted.certs},
     * {@code trusted.jssecacerts}), the per-user equivalents of the system stores OpenWebStart reads.
     */
    /** The RA issues a virtual card for this test, its certificates due in 30 days. */
    private VirtualCardRig cardDueIn30Days(InProcessServer server) throws Exception {
        VirtualCardRig card = new VirtualCardRig(work, server);
        card.issueCard(server.now().plus(Duration.ofDays(30)));
        return card;
    }

    /** javaws's environment: a home trusting only what the deployment kit wrote, and the card's SoftHSM2. */
    private Map<String, String> kitEnvironment(InProcessServer server, Path jars, VirtualCardRig card)
            throws Exception {
        Map<String, String> environment =
                new HashMap<>(withDeploymentKit(server, jars).environment());
        environment.putAll(card.environment());
        return environment;
    }

    /** A headless javaws launch of the server's JNLP, the passcode on standard input; its output kept. */
    private Javaws.Result consoleLaunch(InProcessServer server, Map<String, String> environment) throws Exception {
        Javaws.Result result = Javaws.launch(
                URI.create(server.baseUri() + "/urswebapp/selfrenewal.jnlp"),
                environment,
                Duration.ofSeconds(180),
                (VirtualCardRig.PASSCODE + "\n").getBytes(StandardCharsets.UTF_8),
                CONSOLE);
        Files.writeString(work.resolve("javaws.log"), result.output());
        return result;
    }

    private Javaws.Profile withDeploymentKit(InProcessServer server, Path jars) throws Exception {
        Path kit = work.resolve("deployment-kit");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ServerMain.run(
                new String[] {
                    "deployment-kit",
                    "--out",
                    kit.toString(),
                    "--data-dir",
                    server.dataDirectory.toString(),
                    "--public-url",
                    server.baseUri().toString(),
                    "--jar-dir",
                    jars.toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exitCode, out + err.toString(StandardCharsets.UTF_8));
        Javaws.Profile profile = Javaws.Profile.create(work.resolve("javaws-home"), List.of());
        Path stores = kit.resolve("openwebstart/linux-macos");
        Files.copy(stores.resolve("trusted.certs"), profile.trustedCerts(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                stores.resolve("jssecacerts"),
                profile.securityDirectory().resolve("trusted.jssecacerts"),
                StandardCopyOption.REPLACE_EXISTING);
        return profile;
    }

    private static void assertRefused(Launch launch, String expected) {
        assertTrue(launch.result.contains(expected), launch.result.tail(40));
        assertFalse(launch.result.contains(ClientMain.SUCCESS), launch.result.tail(40));
        assertEquals(launch.before, launch.after, "the card must be untouched");
    }

    private static void stripSignature(Path jar) throws IOException {
        rewrite(jar, (name, bytes) -> {
            String upper = name.toUpperCase();
            boolean signature = upper.startsWith("META-INF/")
                    && !upper.substring(9).contains("/")
                    && (upper.endsWith(".SF")
                            || upper.endsWith(".RSA")
                            || upper.endsWith(".DSA")
                            || upper.endsWith(".EC"));
            return signature ? null : bytes;
        });
    }

    /** Copies a jar entry by entry, letting {@code change} replace or (with null) drop each entry's bytes. */
    private static void rewrite(Path jar, EntryChange change) throws IOException {
        Path copy = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = change.apply(entry.getName(), in.readAllBytes());
                if (bytes != null) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(bytes);
                    out.closeEntry();
                }
            }
        }
        Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] appendByte(byte[] bytes) {
        byte[] changed = Arrays.copyOf(bytes, bytes.length + 1);
        return changed;
    }

    private void run(String... command) throws Exception {
        ProcessRun result = ProcessRun.run(work, Map.of(), null, List.of(command));
        assertEquals(0, result.exitCode(), result.output());
    }

    @FunctionalInterface
    private interface EntryChange {
        byte[] apply(String name, byte[] bytes) throws IOException;
    }

    private record Launch(Javaws.Result result, List<String> before, List<String> after) {}
}
