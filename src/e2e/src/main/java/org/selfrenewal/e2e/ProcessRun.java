package org.selfrenewal.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a real subprocess and keeps what it printed. */
record ProcessRun(int exitCode, String stdout, String stderr) {

    String output() {
        return stdout + stderr;
    }

    /** Runs {@code java -cp <this test classpath> mainClass args}, as a user or RA would run our jars. */
    static ProcessRun java(
            Path workDirectory, Map<String, String> environment, String stdin, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return run(workDirectory, environment, stdin, command);
    }

    static ProcessRun run(Path workDirectory, Map<String, String> environment, String stdin, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDirectory, "stdout", ".txt");
        Path err = Files.createTempFile(workDirectory, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new ProcessRun(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
