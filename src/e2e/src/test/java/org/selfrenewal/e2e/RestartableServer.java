package org.selfrenewal.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.selfrenewal.server.HttpEndpoint;
import org.selfrenewal.server.RenewalServer;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.ServerSettings;
import org.selfrenewal.server.api.RenewalApiHandler;
import org.selfrenewal.server.limits.RateLimiter;

/**
 * A real renewal server (API over plain HTTP on loopback, embedded H2 file) that can be stopped and started
 * again on the same data directory and port, as a server restarted mid-renewal is. Its public URL is the
 * address the client uses (a proxy in front), since every proof names it.
 */
final class RestartableServer implements AutoCloseable {

    final Path dataDirectory;
    final SettableClock clock;
    final int port;
    final URI publicUrl;
    private ServerContext context;
    private RenewalServer http;
    private int restarts;

    private RestartableServer(Path dataDirectory, int port, URI publicUrl) {
        this.dataDirectory = dataDirectory;
        this.clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        this.port = port;
        this.publicUrl = publicUrl;
    }

    static RestartableServer start(Path work, int port, URI publicUrl) throws Exception {
        Path data = Files.createDirectories(work.resolve("server-data"));
        InProcessServer.copyCaTemplate(data.resolve("ca"));
        RestartableServer server = new RestartableServer(data, port, publicUrl);
        server.open();
        return server;
    }

    synchronized ServerContext context() {
        return context;
    }

    synchronized int restarts() {
        return restarts;
    }

    /** Stops the server (HTTP and database) and starts it again on the same data directory and port. */
    synchronized void restart() {
        try {
            stop();
            open();
            restarts++;
        } catch (Exception e) {
            throw new IllegalStateException("the server did not start again", e);
        }
    }

    private void open() throws Exception {
        context = ServerContext.open(new ServerSettings(
                dataDirectory, null, null, null, clock, ServerSettings.DEFAULT_RENEWAL_TIMEOUT, publicUrl));
        try {
            // every fault point starts renewals from 127.0.0.1: the per-address limit is not what is tested here
            RateLimiter generous = new RateLimiter(10_000, Duration.ofMillis(1), 100, clock);
            http = RenewalServer.start(
                    HttpEndpoint.plainHttpOnLoopback("127.0.0.1", port),
                    context.renewals(),
                    null,
                    new RenewalApiHandler(context.renewals(), generous));
        } catch (Exception e) {
            context.close();
            throw e;
        }
    }

    private void stop() {
        if (http != null) {
            http.close();
            http = null;
        }
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
