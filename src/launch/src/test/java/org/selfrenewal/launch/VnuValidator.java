package org.selfrenewal.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Nu Html Checker (vnu.jar from the npm package {@code vnu-jar}) run as a separate process:
 * its embedded form pulls Jetty 11, which clashes with our Jetty 12 on one classpath.
 *
 * <p>vnu.jar is found at {@code -Dvnu.jar=<path>}, or in {@code target/tools/vnu}, where it is
 * installed with npm on first use ({@code --ignore-scripts}, nothing outside {@code target/}).
 */
final class VnuValidator {

    private final Path jar;

    private VnuValidator(Path jar) {
        this.jar = jar;
    }

    /** Finds or installs vnu.jar; skips (or in CI fails) when neither it nor npm is available. */
    static VnuValidator locate() throws Exception {
        String explicit = System.getProperty("vnu.jar");
        if (explicit != null && !explicit.isBlank()) {
            RequiredTool.require(Files.isRegularFile(Path.of(explicit)), "-Dvnu.jar points at no file: " + explicit);
            return new VnuValidator(Path.of(explicit));
        }
        Path prefix =
                Path.of(System.getProperty("launch.tools.dir", "target/tools")).resolve("vnu");
        Path jar = prefix.resolve("node_modules/vnu-jar/build/dist/vnu.jar");
        if (!Files.isRegularFile(jar)) {
            String version = System.getProperty("vnu.jar.version", "26.9.27");
            Files.createDirectories(prefix);
            int exit;
            try {
                Process npm = new ProcessBuilder(
                                "npm",
                                "install",
                                "--prefix",
                                prefix.toString(),
                                "--no-save",
                                "--no-audit",
                                "--no-fund",
                                "--no-package-lock",
                                "--ignore-scripts",
                                "vnu-jar@" + version)
                        .redirectErrorStream(true)
                        .redirectOutput(prefix.resolve("npm-install.log").toFile())
                        .start();
                exit = npm.waitFor(5, TimeUnit.MINUTES) ? npm.exitValue() : -1;
            } catch (IOException noNpm) {
                exit = -2;
            }
            RequiredTool.require(
                    exit == 0 && Files.isRegularFile(jar),
                    "vnu.jar is needed (npm install vnu-jar@" + version + " failed with " + exit + ", see "
                            + prefix.resolve("npm-install.log") + "); or pass -Dvnu.jar=<path>");
        }
        return new VnuValidator(jar);
    }

    /** Validates the files (HTML, and CSS ending in .css); returns one line per error or warning. */
    List<String> problems(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss1024k",
                "-jar",
                jar.toString(),
                "--format",
                "gnu",
                "--also-check-css",
                "--verbose"));
        files.forEach(file -> command.add(file.toString()));
        Path report = Files.createTempFile("vnu-report", ".txt");
        try {
            Process vnu = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(report.toFile())
                    .start();
            if (!vnu.waitFor(3, TimeUnit.MINUTES)) {
                vnu.destroyForcibly();
                throw new AssertionError("vnu.jar did not finish in 3 minutes");
            }
            List<String> problems = new ArrayList<>();
            for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
                if (line.contains(": error:")
                        || line.contains(": info warning:")
                        || line.contains(": fatal:")
                        || line.contains("Exception")) {
                    problems.add(line);
                }
            }
            if (vnu.exitValue() != 0 && problems.isEmpty()) {
                problems.add("vnu.jar exited with " + vnu.exitValue() + ": " + Files.readString(report));
            }
            return problems;
        } finally {
            Files.deleteIfExists(report);
        }
    }
}
