package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The server as deployed ({@code serve} with its embedded defaults, a real process): it listens on its own
 * port and no other (no database port, no debug port), over TCP and UDP, as the kernel's socket tables show; the
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
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.selfrenewal.server.ServerMain",
                        "serve",
                        "--data-dir",
                        work.resolve("data").toString(),
                        "--port",
                        Integer.toString(port))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(log).contains("Renewal service ready")
                    && System.nanoTime() < deadline
                    && server.isAlive()) {
                Thread.sleep(200);
            }
            assertTrue(Files.readString(log).contains("Renewal service ready"), Files.readString(log));
            List<String> listening = listening(server.pid());
            assertEquals(List.of("127.0.0.1:" + port), listening, "ss sees: " + listening);
            Path db = work.resolve("data").resolve("db");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
            assertEquals(
                    "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db.resolve("password"))));
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /**
     * Every listening TCP socket and bound UDP socket of the process, read from the kernel's socket tables
     * ({@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}) and the process's open descriptors,
     * as {@code ss -ltnup} would report them (no package needed).
     */
    private static List<String> listening(long pid) throws Exception {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // a descriptor closed while we looked
                }
            }
        }
        List<String> found = new ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6", "udp", "udp6"}) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String row :
                    Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = row.trim().split("\\s+");
                boolean bound = table.startsWith("tcp") ? f[3].equals("0A") : f[3].equals("07");
                if (bound && inodes.contains(f[9])) {
                    found.add(address(f[1]));
                }
            }
        }
        return found;
    }

    /** {@code 0100007F:1F90} is 127.0.0.1:8080; IPv6 (also IPv4-mapped) as four little-endian words. */
    private static String address(String hex) throws Exception {
        String[] parts = hex.split(":");
        byte[] raw = HexFormat.of().parseHex(parts[0]);
        byte[] ip = new byte[raw.length];
        for (int word = 0; word < raw.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                ip[word * 4 + i] = raw[word * 4 + 3 - i];
            }
        }
        InetAddress address = InetAddress.getByAddress(ip);
        return address.getHostAddress() + ":" + Integer.parseInt(parts[1], 16);
    }
}
