package org.selfrenewal.webstart;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IcedTea-Web ({@code javaws}) launches the signed client from a JNLP laid out exactly as the launch
 * site serves it, with a fresh profile that pre-trusts only our signer, and refuses the bad variants.
 * Each run's output is kept in target/it/javaws/NAME.log.
 */
class JavawsLaunchIT {

    /** What the client says when it got as far as looking for a smartcard. */
    private static final String REACHED_THE_CARD = "No smartcard was found.";

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static TinyHttpServer server;
    private static Path logs;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Javaws.available(), "javaws (apt-get install icedtea-netx) is not installed");
        server = new TinyHttpServer();
        logs = BuildOutput.scratch("javaws");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Serves {@code jar} and a JNLP under {@code /NAME/urswebapp/} the way the launch site does (absolute
     * codebase, href, jar href; arguments server URL + operation) and runs javaws on it.
     */
    private static Javaws.Result launch(String name, Path jar, String mainClass, List<String> arguments)
            throws IOException {
        URI codebase = server.base().resolve("/" + name + "/urswebapp/");
        URI jarUrl = server.file(
                codebase.resolve("jars/" + BuildOutput.jarName()).getPath(), "application/java-archive", jar);
        URI jnlpUrl = codebase.resolve("selfrenewal.jnlp");
        // The card library's native code: the build's signed platform jars, each in <resources os=... arch=...>.
        List<SignedTemplate.PlatformJar> platformJars = new ArrayList<>();
        // the platform jars beside the jar under test when it has its own (signed by the same key), else the build's
        List<Path> beside = BuildOutput.platformJars(jar.getParent());
        for (Path platformJar : beside.isEmpty() ? BuildOutput.platformJars() : beside) {
            String os = DownloadBudget.platformOf(platformJar);
            NativePlatform platform = NativePlatform.byId(os).orElseThrow();
            URI url = server.file(
                    codebase.resolve("jars/" + platformJar.getFileName()).getPath(),
                    "application/java-archive",
                    platformJar);
            platformJars.add(new SignedTemplate.PlatformJar(platform.os(), platform.arch(), url.toString()));
        }
        String jnlp = SignedTemplate.render(
                BuildOutput.templateSource(),
                new SignedTemplate.Values(
                        codebase.toString(),
                        jnlpUrl.toString(),
                        "Development NHS Trust",
                        "IT service desk ext 5499",
                        codebase.resolve("?operation=selfRenewSmartcard").toString(),
                        mainClass,
                        List.of(jarUrl.toString()),
                        arguments,
                        SignedTemplate.clientSettings("/usr/lib/softhsm/libsofthsm2.so", "index=0", "false"),
                        platformJars));
        server.text(jnlpUrl.getPath(), "application/x-java-jnlp-file", jnlp);

        Path profileDir = logs.resolve(name + "-profile");
        BuildOutput.deleteTree(profileDir);
        Javaws.Profile profile = Javaws.Profile.create(profileDir, List.of(BuildOutput.signerCer()));
        // A SoftHSM2 configuration with no cards: whatever the machine holds, the client finds no card.
        Path noCards = Files.createDirectories(profile.directory().resolve("no-cards"));
        Files.writeString(noCards.resolve("softhsm2.conf"), "directories.tokendir = " + noCards + "\n");
        Map<String, String> environment = new HashMap<>(profile.environment());
        environment.put("SOFTHSM2_CONF", noCards.resolve("softhsm2.conf").toString());
        Javaws.Result result = Javaws.launch(jnlpUrl, environment, TIMEOUT, null);
        Files.writeString(
                logs.resolve(name + ".log"),
                "exit " + result.exitCode() + " after " + result.elapsed() + (result.timedOut() ? " (TIMED OUT)" : "")
                        + "\n" + jnlp + "\n----\n" + result.output(),
                StandardCharsets.UTF_8);
        assertFalse(result.timedOut(), () -> name + " timed out:\n" + result.tail(4000));
        return result;
    }

    private static Javaws.Result launchStandard(String name, Path jar) throws IOException {
        return launch(
                name,
                jar,
                BuildOutput.mainClass(),
                List.of(server.base().toString(), "operation=" + BuildOutput.operation()));
    }

    @Test
    void signedJarRunsWithAllPermissions() throws IOException {
        Javaws.Result result = launchStandard("signed", BuildOutput.signedJar());
        // The signer is found in the pre-trusted store, the signed template matches, all permissions granted.
        assertTrue(result.contains("found in cacerts"), result::output);
        assertTrue(result.contains("Ending check for signed JNLP file"), result::output);
        assertTrue(result.grantedAllPermissions(), result::output);
        // The client reads its system properties and loads the PKCS#11 native library (privileged calls,
        // denied in the sandbox) before it says no card is there (this harness has none): proof it ran with
        // full permissions. The e2e module's WebStartLaunchTest renews a real card this way.
        assertTrue(result.contains(REACHED_THE_CARD), result::output);
        assertFalse(result.contains("AccessControlException"), result::output);
    }

    private static final String UNSIGNED =
            "Cannot grant permissions to unsigned jars. Application requested security permissions, but jars are not signed.";
    private static final String MISMATCH = "The signed JNLP file did not match the launching JNLP file.";

    @Test
    void unsignedJarIsRefused() throws IOException {
        Javaws.Result result = launchStandard("unsigned", JarVariants.get().unsigned);
        assertNotEquals(0, result.exitCode());
        assertFalse(result.contains(REACHED_THE_CARD), result::output);
        assertTrue(result.contains(UNSIGNED), result::output);
    }

    @Test
    void jarSignedByAnotherKeyGetsNoPermissions() throws IOException {
        Javaws.Result result = launchStandard("other-signer", JarVariants.get().otherKey);
        assertNotEquals(0, result.exitCode());
        assertFalse(result.contains(REACHED_THE_CARD), result::output);
        assertFalse(result.grantedAllPermissions(), result::output);
        // -Xtrustnone does not refuse an unknown signer: the application runs in the sandbox, where setting the
        // JNLP's properties (the trust's name and contacts) or reading the card settings is denied.
        assertTrue(
                result.contains("The applet is fully signed and sandboxed and requests permission level: Sandbox"),
                result::output);
        assertTrue(
                result.contains("Denying permission: (\"java.util.PropertyPermission\" \"selfrenewal."),
                result::output);
    }

    @Test
    void tamperedJarIsRefused() throws IOException {
        Javaws.Result result = launchStandard("tampered", JarVariants.get().tampered);
        assertNotEquals(0, result.exitCode());
        assertFalse(result.contains(REACHED_THE_CARD), result::output);
        assertTrue(
                result.contains("java.lang.SecurityException: SHA-256 digest error for " + JarVariants.TAMPERED_ENTRY),
                result::output);
    }

    @Test
    void jarWithAnEntryAddedAfterSigningIsRefused() throws IOException {
        Javaws.Result result = launchStandard("entry-added", JarVariants.get().entryAdded);
        assertNotEquals(0, result.exitCode());
        assertFalse(result.contains(REACHED_THE_CARD), result::output);
        assertTrue(result.contains(UNSIGNED), result::output);
    }

    @Test
    void jnlpWithADifferentOperationIsRefused() throws IOException {
        Javaws.Result result = launch(
                "other-operation",
                BuildOutput.signedJar(),
                BuildOutput.mainClass(),
                List.of(server.base().toString(), "operation=somethingElse"));
        assertNotEquals(0, result.exitCode());
        assertFalse(result.contains(REACHED_THE_CARD), result::output);
        assertTrue(result.contains(MISMATCH), result::output);
    }

    @Test
    void jnlpWithAnExtraArgumentIsRefused() throws IOException {
        Javaws.Result result = launch(
                "extra-argument",
                BuildOutput.signedJar(),
                BuildOutput.mainClass(),
                List.of(server.base().toString(), "operation=" + BuildOutput.operation(), "--skip-eligibility-check"));
        assertNotEquals(0, result.exitCode());
        assertFalse(result.contains(REACHED_THE_CARD), result::output);
        assertTrue(result.contains(MISMATCH), result::output);
    }

    @Test
    void jnlpWithAnotherMainClassIsRefused() throws IOException {
        Javaws.Result result = launch(
                "other-main-class",
                BuildOutput.signedJar(),
                "picocli.AutoComplete",
                List.of(server.base().toString(), "operation=" + BuildOutput.operation()));
        assertNotEquals(0, result.exitCode());
        assertTrue(result.contains(MISMATCH), result::output);
    }
}
