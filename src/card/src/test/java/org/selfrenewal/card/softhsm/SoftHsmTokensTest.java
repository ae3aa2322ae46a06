package org.selfrenewal.card.softhsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selfrenewal.card.SoftHsmTestTokens.SO_PIN;
import static org.selfrenewal.card.SoftHsmTestTokens.USER_PIN;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardNotFoundException;
import org.selfrenewal.card.CardOperationException;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.RequiredTools;
import org.selfrenewal.card.SoftHsmTestTokens;
import org.selfrenewal.card.TokenLocation;

class SoftHsmTokensTest {

    @Test
    void writesAConfigFileOnceAndLeavesAnExistingOneAlone(@TempDir Path dir) throws Exception {
        SoftHsmTokens tokens = SoftHsmTokens.inDirectory(dir);
        tokens.ensureConfigured();
        String conf = Files.readString(tokens.configFile());
        assertTrue(conf.contains("directories.tokendir = " + dir.resolve("tokens")), conf);
        assertTrue(conf.contains("objectstore.backend = file"));
        assertTrue(conf.contains("log.level = ERROR"));
        assertTrue(Files.isDirectory(tokens.tokenDirectory()));

        Files.writeString(tokens.configFile(), conf + "# edited\n");
        tokens.ensureConfigured();
        assertTrue(Files.readString(tokens.configFile()).endsWith("# edited\n"));
        assertEquals(Map.of("SOFTHSM2_CONF", tokens.configFile().toString()), tokens.environment());
        assertFalse(tokens.isVisibleToThisProcess());
        CardOperationException e = assertThrows(CardOperationException.class, tokens::requireVisibleToThisProcess);
        assertTrue(e.getMessage().contains("SOFTHSM2_CONF=" + tokens.configFile()), e.getMessage());
        SoftHsmTestTokens.tokens().requireVisibleToThisProcess();
    }

    @Test
    void readsTheTokenDirectoryOfAnExistingConfigFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("custom.conf");
        Files.writeString(conf, "directories.tokendir = " + dir.resolve("elsewhere") + "\nlog.level = ERROR\n");
        SoftHsmTokens tokens = SoftHsmTokens.forConfigFile(conf);
        assertEquals(dir.resolve("elsewhere"), tokens.tokenDirectory());
        assertEquals(conf, tokens.configFile());
        assertEquals(
                dir.resolve("new").resolve("tokens"),
                SoftHsmTokens.forConfigFile(dir.resolve("new/softhsm2.conf")).tokenDirectory());
        SoftHsmTestTokens.tokens();
        assertTrue(SoftHsmTokens.fromEnvironment().orElseThrow().isVisibleToThisProcess());
    }

    @Test
    void tokenCreatedInThisProcessCanBeOpenedHereAndSeenByOtherProcesses() throws Exception {
        SoftHsmTokens tokens = SoftHsmTestTokens.tokens();
        String label = SoftHsmTestTokens.uniqueLabel();
        TokenLocation location = tokens.createToken(label, SO_PIN, USER_PIN);
        assertEquals(TokenLocation.byLabel(TokenLocation.SOFTHSM2_LIBRARY, label), location);
        try (Card card = Pkcs11Card.open(location)) {
            card.login(USER_PIN);
            assertEquals(label, card.describe().label());
        }
        assertTrue(tokens.listLabels().contains(label), "softhsm2-util in a subprocess sees it");
        CardOperationException duplicate =
                assertThrows(CardOperationException.class, () -> tokens.createToken(label, SO_PIN, USER_PIN));
        assertTrue(duplicate.getMessage().contains("already exists"));
    }

    /**
     * The measured fact the design rests on: once this process has initialised SoftHSM2, a token that
     * softhsm2-util creates afterwards in the same directory is invisible here (by label and by slot id).
     */
    @Test
    void tokenCreatedBySofthsmUtilAfterInitialisationIsInvisibleToThisProcess() throws Exception {
        SoftHsmTokens tokens = SoftHsmTestTokens.tokens();
        Pkcs11Card.open(SoftHsmTestTokens.newToken()).close(); // SoftHSM2 is certainly initialised in this JVM now
        String label = SoftHsmTestTokens.uniqueLabel();
        tokens.createWithSofthsmUtil(label, SO_PIN, USER_PIN);
        assertTrue(tokens.listLabels().contains(label));
        assertThrows(
                CardNotFoundException.class,
                () -> Pkcs11Card.open(TokenLocation.byLabel(TokenLocation.SOFTHSM2_LIBRARY, label)));
    }

    @Test
    void createsTokensForOtherProcessesInAnotherDirectory(@TempDir Path dir) throws Exception {
        RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install -y softhsm2)");
        SoftHsmTokens other = SoftHsmTokens.inDirectory(dir);
        TokenLocation location = other.createToken("other-dir-card", SO_PIN, USER_PIN);
        assertEquals("other-dir-card", location.tokenLabel());
        assertEquals(List.of("other-dir-card"), other.listLabels());
        RequiredTools.need(
                Files.isExecutable(Path.of("/usr/bin/pkcs11-tool")),
                "OpenSC pkcs11-tool is not installed (apt-get install -y opensc)");
        ProcessBuilder pb = new ProcessBuilder(
                        "pkcs11-tool",
                        "--module",
                        location.library().toString(),
                        "--token-label",
                        location.tokenLabel(),
                        "--login",
                        "--pin",
                        new String(USER_PIN),
                        "-O")
                .redirectErrorStream(true);
        pb.environment().putAll(other.environment());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void missingSofthsmUtilIsExplained(@TempDir Path dir) {
        RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install -y softhsm2)");
        SoftHsmTokens tokens = new SoftHsmTokens(dir, TokenLocation.SOFTHSM2_LIBRARY, "/nonexistent/softhsm2-util");
        SoftHsmNotInstalledException e =
                assertThrows(SoftHsmNotInstalledException.class, () -> tokens.createToken("x", SO_PIN, USER_PIN));
        assertTrue(e.getMessage().contains("apt-get install -y softhsm2"), e.getMessage());
    }

    @Test
    void missingLibraryIsExplained(@TempDir Path dir) {
        SoftHsmTokens tokens = SoftHsmTokens.inDirectory(dir, Path.of("/nonexistent/libsofthsm2.so"));
        SoftHsmNotInstalledException e =
                assertThrows(SoftHsmNotInstalledException.class, () -> tokens.createToken("x", SO_PIN, USER_PIN));
        assertTrue(e.getMessage().contains("apt-get install -y softhsm2"), e.getMessage());
    }
}
