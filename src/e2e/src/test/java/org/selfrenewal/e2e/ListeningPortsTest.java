package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The server as deployed ({@code serve} with its embedded defaults, a real process): it listens on its own
 * port and no other (no database port, no debug port), over TCP and UDP, as {@code ss} sees it; the
 * embedded database's directory is the server user's alone.
 */
class ListeningPortsTest {

    @Test
    @DisplayName("ports: the server process listens on its own port only; the database directory is owner-only")
    void listensOnItsOwnPortOnly(TestInfo test) throws Exception {
        Path work = TestDirectories.fresh(test);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = work.resolve("server.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.selfrenewal.server.ServerMain", "serve",
                "--data-dir", work.resolve("data").toString(), "--port", Integer.toString(port))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(log).contains("Renewal service ready") && System.nanoTime() < deadline
                    && server.isAlive()) {
                Thread.sleep(200);
            }
            assertTrue(Files.readString(log).contains("Renewal service ready"), Files.readString(log));
            List<String> listening = listening(server.pid());
            assertEquals(List.of("127.0.0.1:" + port), listening, "ss sees: " + listening);
            Path db = work.resolve("data").resolve("db");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db.resolve("password"))));
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Every listening TCP socket and bound UDP socket of the process, as {@code ss} reports them. */
    private static List<String> listening(long pid) throws Exception {
        List<String> found = new ArrayList<>();
        for (String protocol : new String[] {"-ltnpH", "-lunpH"}) {
            Process ss = new ProcessBuilder("ss", protocol).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            Pattern line = Pattern.compile("\\s(\\S+:\\d+)\\s+\\S+:\\S+\\s+users:.*pid=" + pid + ",");
            for (String row : output.split("\n")) {
                Matcher m = line.matcher(row);
                if (m.find()) {
                    found.add(m.group(1).replaceFirst("^\\[::ffff:([0-9.]+)\\]", "$1"));
                }
            }
        }
        return found;
    }
}
