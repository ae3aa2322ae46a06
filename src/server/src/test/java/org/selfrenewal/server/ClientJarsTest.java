package org.selfrenewal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.launch.JarReference;

/** Where serve looks for the signed client jars when no --jar-dir is given. */
class ClientJarsTest {

    private static final List<JarReference> JNLP_JARS = List.of(new JarReference("client", "jars/client-1.jar"));

    @TempDir
    Path work;

    @Test
    @DisplayName("a distribution: the jars/ folder beside the server jar")
    void distributionFolderBesideTheServerJar() throws Exception {
        Path serverJar =
                Files.writeString(Files.createDirectories(work.resolve("dist")).resolve("server.jar"), "");
        Path jars = Files.createDirectories(work.resolve("dist/jars"));
        Files.writeString(jars.resolve("client-1.jar"), "jar");
        assertEquals(Optional.of(jars), ClientJars.find(ClientJars.defaultCandidates(serverJar), JNLP_JARS));
    }

    @Test
    @DisplayName("a build: src/webstart/target/jars for the server jar in src/server/target")
    void theBuildsOwnSignedJars() throws Exception {
        Path serverJar = Files.writeString(
                Files.createDirectories(work.resolve("src/server/target")).resolve("selfrenewal-server.jar"), "");
        Path jars = Files.createDirectories(work.resolve("src/webstart/target/jars"));
        Files.writeString(jars.resolve("client-1.jar"), "jar");
        assertEquals(Optional.of(jars), ClientJars.find(ClientJars.defaultCandidates(serverJar), JNLP_JARS));
        Path classes = Files.createDirectories(work.resolve("src/server/target/classes"));
        assertEquals(Optional.of(jars), ClientJars.find(ClientJars.defaultCandidates(classes), JNLP_JARS));
    }

    @Test
    @DisplayName("a folder lacking a jar the JNLP names does not count")
    void aFolderWithoutTheNamedJarDoesNotCount() throws Exception {
        Path serverJar =
                Files.writeString(Files.createDirectories(work.resolve("dist")).resolve("server.jar"), "");
        Path jars = Files.createDirectories(work.resolve("dist/jars"));
        Files.writeString(jars.resolve("client-0.jar"), "an older jar");
        assertEquals(Optional.empty(), ClientJars.find(ClientJars.defaultCandidates(serverJar), JNLP_JARS));
        assertEquals(List.of("client-1.jar"), ClientJars.missing(jars, JNLP_JARS));
    }
}
