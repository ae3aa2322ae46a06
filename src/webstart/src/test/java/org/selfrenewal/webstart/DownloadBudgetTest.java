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
