package org.selfrenewal.server;

import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.selfrenewal.server.api.RenewalApiHandler;
import org.selfrenewal.server.renewal.RenewalService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running HTTP server: the renewal API (and the launch site), over one renewal service. */
public final class RenewalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalServer.class);

    private final Server jetty;
    private final ServerConnector connector;
    private final ScheduledExecutorService housekeeping;

    private RenewalServer(Server jetty, ServerConnector connector, ScheduledExecutorService housekeeping) {
        this.jetty = jetty;
        this.connector = connector;
        this.housekeeping = housekeeping;
    }

    /** Starts listening on {@code host:port} (port 0 picks a free one). */
    public static RenewalServer start(String host, int port, RenewalService service) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Sequence(new RenewalApiHandler(service), new DefaultHandler(false, false)));
        jetty.start();

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "renewal-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                service.cancelTimedOutRenewals();
            } catch (RuntimeException e) {
                LOG.warn("Could not cancel timed-out renewals", e);
            }
        }, 0, 1, TimeUnit.MINUTES);
        RenewalServer server = new RenewalServer(jetty, connector, housekeeping);
        LOG.info("Renewal server listening on {}", server.baseUri());
        return server;
    }

    /** Where clients reach this server, e.g. http://127.0.0.1:8080 */
    public URI baseUri() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getLocalPort());
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        housekeeping.shutdownNow();
        jetty.stop();
    }
}
