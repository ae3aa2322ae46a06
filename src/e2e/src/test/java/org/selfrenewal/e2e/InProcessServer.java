package org.selfrenewal.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ServerContext context = ServerContext.open(ServerSettings.embedded(data).withClock(clock));
        try {
            return new InProcessServer(data, clock, context, RenewalServer.start("127.0.0.1", 0, context.renewals()));
        } catch (Exception e) {
            context.close();
            throw e;
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
