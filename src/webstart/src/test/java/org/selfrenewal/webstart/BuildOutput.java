package org.selfrenewal.webstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where the build put things (system properties set by the failsafe/surefire configuration). */
final class BuildOutput {

    private BuildOutput() {}

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the tests through Maven");
        }
        return value;
    }

    static Path jarsDir() {
        return Path.of(property("webstart.jarsDir"));
    }

    static String jarName() {
        return property("webstart.jarName");
    }

    /** The signed jars of the card library's native code, one per platform (manifest: Native-Platform). */
    static List<Path> platformJars() {
        return platformJars(jarsDir());
    }

    /** The platform jars in {@code directory}. */
    static List<Path> platformJars(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> !DownloadBudget.platformOf(file).isEmpty())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path signedJar() {
        return jarsDir().resolve(jarName());
    }

    static Path signerCer() {
        return jarsDir().resolve("signer.cer");
    }

    /** The development signing key (dev-codesign.p12 and .pass) the build signed the jars with. */
    static Path devKeyDir() {
        return Path.of(property("webstart.devKeyDir"));
    }

    static Path signingDir() {
        return Path.of(property("signing.dir"));
    }

    static Path script(String name) {
        return signingDir().resolve(name);
    }

    static String mainClass() {
        return property("webstart.mainClass");
    }

    static String operation() {
        return property("webstart.operation");
    }

    static String templateSource() throws IOException {
        return Files.readString(Path.of(property("webstart.jnlpTemplate")));
    }

    /** Deletes a directory and everything in it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A scratch directory under target/ that survives the test run for inspection. */
    static Path scratch(String name) throws IOException {
        Path dir = jarsDir().getParent().resolve("it").resolve(name);
        Files.createDirectories(dir);
        return dir;
    }
}
