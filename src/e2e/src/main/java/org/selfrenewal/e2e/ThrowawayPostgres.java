package org.selfrenewal.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for one test class: a fresh cluster (initdb) in a temporary directory, on a
 * free loopback port, stopped and deleted afterwards. Runs the server binaries as the {@code postgres}
 * user when the tests run as root (PostgreSQL refuses to run as root).
 */
final class ThrowawayPostgres implements AutoCloseable {

    private final Path binaries;
    private final Path directory;
    private final int port;

    private ThrowawayPostgres(Path binaries, Path directory, int port) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
    }

    /** The installed server binaries (Debian: /usr/lib/postgresql/N/bin), if any. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin ->
                            Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static ThrowawayPostgres start(Path binaries) throws Exception {
        Path directory = Files.createTempDirectory("selfrenewal-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ThrowawayPostgres postgres = new ThrowawayPostgres(binaries, directory, port);
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", directory.toString()));
        }
        postgres.asOwner(
                "initdb", "-D", directory.resolve("data").toString(), "-U", "renewal", "--auth=trust", "-E", "UTF8");
        postgres.asOwner(
                "pg_ctl",
                "-D",
                directory.resolve("data").toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "start",
                "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1");
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A new, empty database in this cluster (for a test that must not share its rows). */
    String freshDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    String user() {
        return "renewal";
    }

    @Override
    public void close() throws IOException {
        try {
            asOwner("pg_ctl", "-D", directory.resolve("data").toString(), "-w", "-m", "fast", "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("PostgreSQL did not stop", e);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void asOwner(String program, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws Exception {
        ProcessRun result = ProcessRun.run(Path.of(System.getProperty("java.io.tmpdir")), Map.of(), null, command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
