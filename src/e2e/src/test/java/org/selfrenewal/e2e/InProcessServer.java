package org.selfrenewal.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.stream.Stream;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.DevelopmentPassword;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.selfrenewal.server.RenewalServer;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.ServerSettings;

/**
 * A real renewal server in the test JVM: its own data directory (CA files, H2 database), real HTTP on a
 * free loopback port, and a clock the test controls (standing at the test's start, to the second).
 */
final class InProcessServer implements AutoCloseable {

    final Path dataDirectory;
    final SettableClock clock;
    final ServerContext context;
    final RenewalServer http;

    private InProcessServer(Path dataDirectory, SettableClock clock, ServerContext context, RenewalServer http) {
        this.dataDirectory = dataDirectory;
        this.clock = clock;
        this.context = context;
        this.http = http;
    }

    static InProcessServer start(Path workDirectory) throws Exception {
        Path data = Files.createDirectories(workDirectory.resolve("server-data"));
        copyCaTemplate(data.resolve("ca"));
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ServerContext context = ServerContext.open(ServerSettings.embedded(data).withClock(clock));
        try {
            return new InProcessServer(data, clock, context, RenewalServer.start("127.0.0.1", 0, context.renewals()));
        } catch (Exception e) {
            context.close();
            throw e;
        }
    }

    /**
     * Every test server gets a copy of one development CA made once per test run: creating three
     * RSA-3072 CA keys per test would dominate the suite's time. Each server still loads it from its own files.
     */
    private static synchronized void copyCaTemplate(Path target) throws Exception {
        Path template = Path.of(System.getProperty("selfrenewal.test.dir", "target/test-work"), "ca-template");
        if (!DevelopmentHierarchy.exists(template)) {
            DevelopmentHierarchy.create(template, DevelopmentPassword.loadOrCreate(template), Clock.systemUTC());
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(template)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    URI baseUri() {
        return http.baseUri();
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() throws Exception {
        http.close();
        context.close();
    }
}
