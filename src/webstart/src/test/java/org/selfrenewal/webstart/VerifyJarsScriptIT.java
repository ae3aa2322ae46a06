package org.selfrenewal.webstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signing/verify-jars.sh and the refusals of signing/sign-jars.sh, on the real jar and bad copies of it. */
class VerifyJarsScriptIT {

    private static Path alone(Path temp, String name, Path jar) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.copy(jar, dir.resolve(jar.getFileName()));
        return dir;
    }

    private static void assertFails(Commands.Outcome outcome, String reason) {
        assertEquals(1, outcome.exitCode(), outcome::toString);
        assertTrue(outcome.output().contains(reason), () -> "expected '" + reason + "' in " + outcome);
    }

    @Test
    void acceptsTheBuildOutputWithAndWithoutTheExpectedCertificate() {
        Commands.Outcome withCert = Commands.script(
                "verify-jars.sh",
                BuildOutput.jarsDir().toString(),
                BuildOutput.signerCer().toString());
        assertEquals(0, withCert.exitCode(), withCert::toString);
        assertTrue(withCert.output().contains("all 8 jar(s) verified, one signer"), withCert::toString);
        Commands.Outcome without =
                Commands.script("verify-jars.sh", BuildOutput.jarsDir().toString());
        assertEquals(0, without.exitCode(), without::toString);
    }

    @Test
    void refusesAnUnsignedJar(@TempDir Path temp) throws Exception {
        Path dir = alone(temp, "unsigned", JarVariants.get().unsigned);
        assertFails(
                Commands.script(
                        "verify-jars.sh",
                        dir.toString(),
                        BuildOutput.signerCer().toString()),
                "not signed");
        assertFails(Commands.script("verify-jars.sh", dir.toString()), "not signed");
    }

    @Test
    void refusesAJarSignedByAnotherKey(@TempDir Path temp) throws Exception {
        Path dir = alone(temp, "other", JarVariants.get().otherKey);
        assertFails(
                Commands.script(
                        "verify-jars.sh",
                        dir.toString(),
                        BuildOutput.signerCer().toString()),
                "signed by another certificate");
    }

    @Test
    void refusesADirectoryWhoseJarsHaveDifferentSigners(@TempDir Path temp) throws Exception {
        Path dir = alone(temp, "mixed", BuildOutput.signedJar());
        Files.copy(JarVariants.get().otherKey, dir.resolve("another.jar"));
        assertFails(Commands.script("verify-jars.sh", dir.toString()), "signed by another certificate");
    }

    @Test
    void refusesATamperedJar(@TempDir Path temp) throws Exception {
        Path dir = alone(temp, "tampered", JarVariants.get().tampered);
        assertFails(
                Commands.script(
                        "verify-jars.sh",
                        dir.toString(),
                        BuildOutput.signerCer().toString()),
                "SHA-256 digest error for " + JarVariants.TAMPERED_ENTRY);
    }

    @Test
    void refusesAJarWithAnEntryAddedAfterSigning(@TempDir Path temp) throws Exception {
        Path dir = alone(temp, "added", JarVariants.get().entryAdded);
        assertFails(
                Commands.script(
                        "verify-jars.sh",
                        dir.toString(),
                        BuildOutput.signerCer().toString()),
                "unsigned entries");
    }

    @Test
    void signJarsRefusesToSignASignedJarAgain(@TempDir Path temp) throws Exception {
        Path dir = alone(temp, "again", JarVariants.get().otherKey);
        Path jar = dir.resolve(BuildOutput.jarName());
        byte[] before = Files.readAllBytes(jar);
        Path key = Path.of(BuildOutput.property("webstart.devKeyDir"));
        Commands.Outcome outcome = Commands.script(
                "sign-jars.sh",
                "--pkcs12",
                key.resolve("dev-codesign.p12").toString(),
                "--alias",
                "dev-codesign",
                "--storepass-file",
                key.resolve("dev-codesign.pass").toString(),
                dir.toString());
        assertFails(outcome, "already signed, refusing to sign again");
        assertArrayEquals(before, Files.readAllBytes(jar), "the jar is left as it was");
    }

    @Test
    void productionModeNeedsATimestampAndRefusesTheDevelopmentKey(@TempDir Path temp) throws Exception {
        Path dir = alone(temp, "production", JarVariants.get().unsigned);
        Path key = Path.of(BuildOutput.property("webstart.devKeyDir"));
        String[] signer = {
            "--pkcs12",
            key.resolve("dev-codesign.p12").toString(),
            "--alias",
            "dev-codesign",
            "--storepass-file",
            key.resolve("dev-codesign.pass").toString()
        };
        Commands.Outcome noTsa = Commands.script("sign-jars.sh", concat(signer, "--production", dir.toString()));
        assertFails(noTsa, "--production needs --tsa URL");
        Commands.Outcome devKey = Commands.script(
                "sign-jars.sh", concat(signer, "--production", "--tsa", "http://127.0.0.1:9/tsa", dir.toString()));
        assertFails(devKey, "--production refuses the development certificate");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
