package org.selfrenewal.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.selfrenewal.card.softhsm.SoftHsmTokens;

/**
 * Test fixture: the SoftHSM2 directory the surefire JVM's SOFTHSM2_CONF points at, emptied once per
 * JVM before the first PKCS#11 call, and a fresh token per test. Skips tests when SoftHSM2 is absent
 * (fails them with {@code -Dselfrenewal.requireTools=true}).
 */
public final class SoftHsmTestTokens {

    public static final char[] USER_PIN = "123456".toCharArray();
    public static final char[] SO_PIN = "87654321".toCharArray();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static SoftHsmTokens tokens;

    private SoftHsmTestTokens() {}

    public static synchronized SoftHsmTokens tokens() {
        RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install -y softhsm2)");
        if (tokens == null) {
            Path dir = directory();
            SoftHsmTokens t = SoftHsmTokens.inDirectory(dir);
            deleteTokens(t.tokenDirectory());
            try {
                t.ensureConfigured();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tokens = t;
        }
        RequiredTools.need(
                tokens.isVisibleToThisProcess(), "SOFTHSM2_CONF must be " + tokens.configFile() + " (set by surefire)");
        return tokens;
    }

    /** The directory surefire points SOFTHSM2_CONF into. */
    public static Path directory() {
        return Path.of(System.getProperty("card.test.softhsm.dir", "target/softhsm-test"))
                .toAbsolutePath();
    }

    /** A new, empty token with a unique label and {@link #USER_PIN}. */
    public static TokenLocation newToken() throws CardException {
        return tokens().createToken(uniqueLabel(), SO_PIN, USER_PIN);
    }

    public static String uniqueLabel() {
        return "t" + COUNTER.incrementAndGet() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private static void deleteTokens(Path tokenDir) {
        if (!Files.isDirectory(tokenDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tokenDir)) {
            walk.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.equals(tokenDir))
                    .forEach(p -> {
                        try {
                            Files.delete(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
