package org.selfrenewal.webstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-launch download check itself: a too-big jar fails it, as a separate process exactly as the build runs it. */
class DownloadBudgetTest {

    private static final long BUDGET = 2L * 1024 * 1024;

    @TempDir
    Path dir;

    private static void write(Path file, int bytes) throws Exception {
        byte[] data = new byte[bytes];
        new Random(bytes).nextBytes(data);
        Files.write(file, data);
    }

    private record Run(int exitCode, String output) {}

    /** Runs the check the way the webstart build does: {@code java ... DownloadBudget --dir D --budget-bytes N}. */
    private Run check(long budget) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DownloadBudget.class.getName(),
                        "--dir",
                        dir.toString(),
                        "--budget-bytes",
                        Long.toString(budget)))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        return new Run(process.exitValue(), output);
    }

    @Test
    void aJarOverTheBudgetFailsTheBuild() throws Exception {
        write(dir.resolve("selfrenewal-client-0.1.0.jar"), (int) BUDGET + 1);
        Run run = check(BUDGET);
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("OVER BUDGET by 1 bytes"), run.output());
    }

    @Test
    void everyJarCountsTowardsTheBudget() throws Exception {
        write(dir.resolve("client.jar"), 1_500_000);
        write(dir.resolve("natives-windows.jar"), 700_000);
        Files.writeString(dir.resolve("signer.cer"), "not part of the download");
        DownloadBudget.Report report = DownloadBudget.measure(dir, BUDGET);
        assertEquals(2_200_000, report.totalBytes());
        assertEquals(2, report.parts().size());
        assertFalse(report.withinBudget());
        assertEquals(1, check(BUDGET).exitCode());
    }

    /** A jar of about {@code bytes} that only {@code platform} downloads (its manifest names it). */
    private static void writePlatformJar(Path file, String platform, int bytes) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(NativePlatform.MANIFEST_ATTRIBUTE, platform);
        byte[] data = new byte[bytes];
        new Random(bytes).nextBytes(data);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            jar.putNextEntry(new ZipEntry("natives/" + platform + "/libpkcs11wrapper.so"));
            jar.write(data);
            jar.closeEntry();
        }
    }

    @Test
    void eachPlatformCountsTheCommonJarsAndOnlyItsOwnPlatformJar() throws Exception {
        write(dir.resolve("client.jar"), 1_500_000);
        writePlatformJar(dir.resolve("natives-linux-x86_64.jar"), "linux-x86_64", 400_000);
        writePlatformJar(dir.resolve("natives-windows-x86_64.jar"), "windows-x86_64", 500_000);
        DownloadBudget.Report report = DownloadBudget.measure(dir, BUDGET);
        long linux = report.perPlatform().get("linux-x86_64");
        long windows = report.perPlatform().get("windows-x86_64");
        assertTrue(linux > 1_900_000 && linux < 1_910_000, report.toString());
        assertTrue(windows > 2_000_000 && windows < 2_010_000, report.toString());
        assertEquals(windows, report.totalBytes(), "the largest platform's download is the one checked");
        assertTrue(report.withinBudget(), "2.4 MB of jars, but no platform downloads more than 2 MB");
        assertEquals(0, check(BUDGET).exitCode());
    }

    @Test
    void onePlatformOverTheBudgetFailsTheBuild() throws Exception {
        write(dir.resolve("client.jar"), 1_500_000);
        writePlatformJar(dir.resolve("natives-linux-x86_64.jar"), "linux-x86_64", 100_000);
        writePlatformJar(dir.resolve("natives-macos.jar"), "macos", 700_000);
        Run run = check(BUDGET);
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("on macos"), run.output());
        assertTrue(run.output().contains("OVER BUDGET"), run.output());
    }

    @Test
    void aDownloadWithinTheBudgetPasses() throws Exception {
        write(dir.resolve("selfrenewal-client-0.1.0.jar"), (int) BUDGET);
        Run run = check(BUDGET);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("within budget"), run.output());
    }

    @Test
    void anEmptyDirectoryIsAnErrorNotAPass() throws Exception {
        assertFalse(check(BUDGET).exitCode() == 0, "nothing built must not pass as a small download");
    }
}
