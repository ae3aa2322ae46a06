package org.selfrenewal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every client command answers --help and -V and refuses a bad option with a usage error. */
class ClientCommandLineTest {

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"", "status", "renew", "change-passcode"})
    void helpOnEveryCommand(String command) {
        Run run = run(command, "--help");
        assertEquals(0, run.exitCode, run.all());
        assertTrue(
                run.out.startsWith("Usage: selfrenewal-client" + (command.isEmpty() ? "" : " " + command)), run.all());
        assertTrue(run.out.contains("-V, --version"), run.out);
    }

    @ParameterizedTest(name = "{0} -V")
    @ValueSource(strings = {"", "status", "renew", "change-passcode"})
    void versionOnEveryCommand(String command) {
        Run run = run(command, "-V");
        assertEquals(0, run.exitCode, run.all());
        assertTrue(run.out.startsWith("selfrenewal-client "), run.all());
        assertTrue(run.out.strip().length() > "selfrenewal-client ".length(), run.out);
    }

    @ParameterizedTest(name = "{0} --no-such-option")
    @ValueSource(strings = {"", "status", "renew", "change-passcode"})
    void badOptionOnEveryCommand(String command) {
        Run run = run(command, "--no-such-option");
        assertEquals(2, run.exitCode, run.all());
        assertTrue(
                run.err.contains("Unknown option: '--no-such-option'") || run.err.contains("Missing required option"),
                run.all());
        assertTrue(run.err.contains("Usage: "), "a usage error shows the usage: " + run.err);
        assertEquals("", run.out);
    }

    private static Run run(String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.remove("");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ClientMain.run(
                arguments.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }
}
