package org.selfrenewal.webstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selfrenewal.webstart.harnessapp.HarnessTestApp;

/**
 * The window harness end to end: IcedTea-Web's javaws, NOT headless, on the X display the tests run under
 * (Xvfb), launches a small signed all-permissions application ({@link HarnessTestApp}, jarred from the test
 * classes and signed with the build's development key, the signer the profile pre-trusts); the test waits
 * for its window, types into it and presses its button with the keyboard (xdotool), checks the file the
 * application wrote (only possible with all permissions), and photographs the window and the display to
 * target/screenshots/. javaws' output: target/it/harness/javaws.log.
 */
class XDisplayHarnessIT {

    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(90);
    private static TinyHttpServer server;
    private static Path work;
    private static Path screenshots;

    @BeforeAll
    static void setUp() throws IOException {
        need(Javaws.available(), "javaws (apt-get install icedtea-netx) is not installed");
        String missing = XDisplay.whatIsMissing();
        need(missing == null, missing);
        work = BuildOutput.scratch("harness");
        screenshots = Files.createDirectories(BuildOutput.jarsDir().getParent().resolve("screenshots"));
        try (Stream<Path> old = Files.list(screenshots)) {
            for (Path png : old.filter(p -> p.getFileName().toString().startsWith("harness-"))
                    .toList()) {
                Files.delete(png);
            }
        }
        server = new TinyHttpServer();
    }

    /** Skips when a tool is missing, or fails with -Dselfrenewal.requireTools=true (the test command, CI). */
    private static void need(boolean present, String whatIsMissing) {
        if (Boolean.getBoolean("selfrenewal.requireTools") && !present) {
            fail(whatIsMissing + " (selfrenewal.requireTools=true)");
        }
        assumeTrue(present, whatIsMissing);
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private static Path harnessJar;

    /** The test application's jar, built and signed with the build's key once. */
    private static synchronized Path signedHarnessJar() throws IOException, URISyntaxException {
        if (harnessJar == null) {
            Path jars = Files.createDirectories(work.resolve("jars"));
            Path jar = harnessJar(jars.resolve("harness-test.jar"));
            sign(jars, BuildOutput.devKeyDir());
            harnessJar = jar;
        }
        return harnessJar;
    }

    /** Signs every jar in {@code jars} with the development key in {@code keyDir}, with signing/sign-jars.sh. */
    private static void sign(Path jars, Path keyDir) {
        Commands.Outcome signing = Commands.script(
                "sign-jars.sh",
                "--pkcs12",
                keyDir.resolve("dev-codesign.p12").toString(),
                "--alias",
                "dev-codesign",
                "--storepass-file",
                keyDir.resolve("dev-codesign.pass").toString(),
                jars.toString());
        assertEquals(0, signing.exitCode(), signing::toString);
    }

    /**
     * Serves the application under /NAME/ and starts javaws on it with a fresh profile trusting the build's
     * signer; the application writes what it saves to {@code marker}.
     */
    private static Javaws.Running start(String name, Path marker, Map<String, String> extraEnvironment)
            throws Exception {
        return start(name, signedHarnessJar(), marker, extraEnvironment);
    }

    private static Javaws.Running start(String name, Path jar, Path marker, Map<String, String> extraEnvironment)
            throws Exception {
        URI codebase = server.base().resolve("/" + name + "/");
        URI jarUrl = server.file(codebase.getPath() + "harness-test.jar", "application/java-archive", jar);
        URI jnlpUrl = codebase.resolve("harness.jnlp");
        server.text(jnlpUrl.getPath(), "application/x-java-jnlp-file", jnlp(codebase, jnlpUrl, jarUrl, marker));
        Path profileDir = work.resolve(name + "-profile");
        BuildOutput.deleteTree(profileDir);
        Javaws.Profile profile = Javaws.Profile.create(profileDir, List.of(BuildOutput.signerCer()));
        Map<String, String> environment = new HashMap<>(profile.environment());
        environment.putAll(extraEnvironment);
        return Javaws.start(jnlpUrl, environment, List.of());
    }

    private static XDisplay.Window awaitWindow(String name, Javaws.Running javaws) throws IOException {
        try {
            return XDisplay.waitForWindow("^" + HarnessTestApp.TITLE + "$", WINDOW_TIMEOUT);
        } catch (XDisplay.WindowNotFound e) {
            XDisplay.screenshot(screenshots.resolve(name + "-no-window.png"));
            log(name, javaws, e.getMessage());
            throw new AssertionError(e.getMessage() + "\njavaws:\n" + javaws.tail(6000), e);
        }
    }

    @Test
    void javawsShowsTheWindowWhichTheHarnessDrivesAndPhotographs() throws Exception {
        Path marker = work.resolve("saved.txt");
        Files.deleteIfExists(marker);
        String typed = "Hello from xdotool 123";
        try (XDisplay.Watch watch = XDisplay.Watch.start(Duration.ofMillis(100));
                Javaws.Running javaws = start("harness", marker, Map.of())) {
            XDisplay.Window window = awaitWindow("harness", javaws);
            Duration launchToWindow = javaws.elapsed();
            List<XDisplay.Window> appeared = watch.appearedUpTo(window, Duration.ofSeconds(5));
            log("harness", javaws, "window after " + launchToWindow + "; windows that appeared: " + appeared);
            // Pre-trusted signer, -Xtrustnone, no splash: the application's window is the only one that appeared.
            assertEquals(
                    List.of(HarnessTestApp.TITLE),
                    appeared.stream().map(XDisplay.Window::title).toList(),
                    "IcedTea-Web showed a window of its own");

            XDisplay.type(window, typed);
            Path typedPng = XDisplay.screenshot(window, screenshots.resolve("harness-typed.png"));
            XDisplay.key(window, "alt+s");
            waitForFile(marker, Duration.ofSeconds(20));
            assertEquals(typed, Files.readString(marker, StandardCharsets.UTF_8));
            // The application said so in its window: photograph it, and the whole display.
            Thread.sleep(300);
            Path windowPng = XDisplay.screenshot(window, screenshots.resolve("harness-saved.png"));
            Path displayPng = XDisplay.screenshot(screenshots.resolve("harness-display.png"));
            // Photographs of the live window: the window's own size, and its "Saved ..." line differs from before.
            BufferedImage typedImage = ImageIO.read(typedPng.toFile());
            BufferedImage savedImage = ImageIO.read(windowPng.toFile());
            BufferedImage displayImage = ImageIO.read(displayPng.toFile());
            assertTrue(
                    savedImage.getWidth() >= 200 && savedImage.getHeight() >= 50,
                    () -> "window photo " + savedImage.getWidth() + "x" + savedImage.getHeight());
            assertTrue(distinctColours(savedImage) > 8, "the window photo shows the window's contents");
            assertTrue(differs(typedImage, savedImage), "the photo after saving shows the change");
            assertEquals(
                    List.of(1920, 1200),
                    List.of(displayImage.getWidth(), displayImage.getHeight()),
                    "the whole Xvfb screen of src/scripts/test.sh");
            assertTrue(javaws.isAlive(), "the application still runs until the test ends it");

            Javaws.Result result = javaws.stop();
            log(
                    "harness",
                    javaws,
                    "window after " + launchToWindow + ", stopped after " + result.elapsed()
                            + "; windows that appeared: " + watch.appeared());
            assertTrue(result.grantedAllPermissions(), result::output);
            assertFalse(XDisplay.isVisible(window), "the window is gone with the process");
        }
    }

    @Test
    void withoutTheSplashSettingIcedTeaWebShowsItsSplashWindowFirst() throws Exception {
        Path marker = work.resolve("splash-saved.txt");
        try (XDisplay.Watch watch = XDisplay.Watch.start(Duration.ofMillis(100));
                Javaws.Running javaws = start("splash", marker, Map.of("ICEDTEA_WEB_SPLASH", "default"))) {
            XDisplay.Window window = awaitWindow("splash", javaws);
            List<XDisplay.Window> appeared = watch.appearedUpTo(window, Duration.ofSeconds(5));
            log("splash", javaws, "window after " + javaws.elapsed() + "; windows that appeared: " + appeared);
            assertTrue(
                    appeared.size() >= 2 && !appeared.get(0).title().equals(HarnessTestApp.TITLE),
                    "IcedTea-Web's splash window comes first: " + appeared);
        }
    }

    @Test
    void jarSignedByAnUntrustedKeyShowsTheWindowButCannotSave() throws Exception {
        // Another development key, not in the profile's trust store: -Xtrustnone runs the application
        // sandboxed (no prompt), so its window shows but writing the file is denied. The marker file of the
        // first test therefore proves all permissions.
        Path otherKey = work.resolve("other-key");
        if (!Files.exists(otherKey.resolve("dev-codesign.p12"))) {
            Commands.Outcome key = Commands.script("make-dev-key.sh", otherKey.toString());
            assertEquals(0, key.exitCode(), key::toString);
        }
        Path jars = Files.createDirectories(work.resolve("other-signer-jars"));
        Path jar = harnessJar(jars.resolve("harness-test.jar"));
        sign(jars, otherKey);
        Path marker = work.resolve("untrusted-saved.txt");
        Files.deleteIfExists(marker);
        try (Javaws.Running javaws = start("untrusted", jar, marker, Map.of())) {
            XDisplay.Window window = awaitWindow("untrusted", javaws);
            XDisplay.type(window, "not allowed");
            XDisplay.key(window, "alt+s");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!javaws.output().contains(HarnessTestApp.NOT_SAVED)
                    && !javaws.output().contains(HarnessTestApp.SAVED)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            XDisplay.screenshot(window, screenshots.resolve("harness-untrusted.png"));
            Javaws.Result result = javaws.stop();
            log("untrusted", javaws, "stopped after " + result.elapsed());
            assertTrue(
                    result.contains(HarnessTestApp.NOT_SAVED + "java.security.AccessControlException"), result::output);
            assertFalse(Files.exists(marker), "a sandboxed application wrote " + marker);
            assertFalse(result.grantedAllPermissions(), result::output);
        }
    }

    @Test
    void aFailedLaunchLeavesAnErrorDialogWhichWaitForWindowReports() throws Exception {
        // An unsigned jar asking for all permissions is refused; not headless, IcedTea-Web says so in a dialog
        // that stays until the process is killed. The harness's timeout names it; close() ends it.
        Path jars = Files.createDirectories(work.resolve("unsigned-jars"));
        Path jar = harnessJar(jars.resolve("harness-test.jar"));
        Path marker = work.resolve("unsigned-saved.txt");
        Files.deleteIfExists(marker);
        try (XDisplay.Watch watch = XDisplay.Watch.start(Duration.ofMillis(100));
                Javaws.Running javaws = start("unsigned", jar, marker, Map.of())) {
            XDisplay.WindowNotFound notFound = Assertions.assertThrows(
                    XDisplay.WindowNotFound.class,
                    () -> XDisplay.waitForWindow("^" + HarnessTestApp.TITLE + "$", Duration.ofSeconds(20)));
            XDisplay.screenshot(screenshots.resolve("harness-unsigned-error.png"));
            List<XDisplay.Window> appeared = watch.appeared();
            log("unsigned", javaws, notFound.getMessage() + "; windows that appeared: " + appeared);
            assertTrue(javaws.isAlive(), "javaws waits with its error dialog open");
            assertFalse(appeared.isEmpty(), "IcedTea-Web showed its error dialog");
            assertTrue(
                    notFound.getMessage()
                            .contains(appeared.get(appeared.size() - 1).id()),
                    notFound.getMessage());
            Javaws.Result result = javaws.stop();
            assertTrue(result.timedOut(), "it had to be killed");
            assertTrue(result.contains("Cannot grant permissions to unsigned jars"), result::output);
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static boolean differs(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return true;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void log(String name, Javaws.Running javaws, String line) throws IOException {
        Files.writeString(
                work.resolve(name + "-javaws.log"), line + "\n----\n" + javaws.output(), StandardCharsets.UTF_8);
    }

    private static void waitForFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                XDisplay.screenshot(screenshots.resolve("harness-not-saved.png"));
                fail("The application wrote no " + file + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
        Thread.sleep(200); // let the write finish
    }

    private static String jnlp(URI codebase, URI self, URI jar, Path marker) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <jnlp spec="7.0+" codebase="%s" href="%s">
                  <information>
                    <title>%s</title>
                    <vendor>Self-Renewal tests</vendor>
                  </information>
                  <security>
                    <all-permissions/>
                  </security>
                  <resources>
                    <java version="21*"/>
                    <java version="17*"/>
                    <jar href="%s" main="true"/>
                  </resources>
                  <application-desc main-class="%s">
                    <argument>%s</argument>
                  </application-desc>
                </jnlp>
                """
                .formatted(
                        codebase,
                        self,
                        HarnessTestApp.TITLE,
                        jar,
                        HarnessTestApp.class.getName(),
                        SignedTemplate.escape(marker.toString()));
    }

    /** The application's classes from the test output, with the Web Start manifest attributes. */
    private static Path harnessJar(Path jar) throws IOException, URISyntaxException {
        Path classes = Path.of(HarnessTestApp.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String packagePath = HarnessTestApp.class.getPackageName().replace('.', '/');
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, HarnessTestApp.class.getName());
        main.putValue("Permissions", "all-permissions");
        main.putValue("Codebase", "*");
        main.putValue("Application-Name", HarnessTestApp.TITLE);
        main.putValue("Trusted-Only", "true");
        Files.deleteIfExists(jar);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.list(classes.resolve(packagePath))) {
            for (Path file : files.sorted().toList()) {
                out.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
