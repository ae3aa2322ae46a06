package org.selfrenewal.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.selfrenewal.server.api.RenewalApiHandler;
import org.selfrenewal.server.api.RenewalService;
import org.selfrenewal.server.ops.AdmissionLimit;
import org.selfrenewal.server.ops.HealthCheck;
import org.selfrenewal.server.ops.HealthHandler;
import org.selfrenewal.server.ops.MetricsHandler;
import org.selfrenewal.server.ops.ServerMetrics;
import org.selfrenewal.server.renewal.RenewalCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running HTTP(S) server: the renewal API under /api/v1 and, when given, the launch site (page, JNLP,
 * jars) under /urswebapp/, over one renewal service.
 */
public final class RenewalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalServer.class);

    /** How long a stop waits for in-flight requests before closing their connections. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /**
     * While stopping, how long a connection may stay silent: idle keep-alive connections close after it, and a
     * request in flight must keep sending (its body is at most 64 KiB).
     */
    static final Duration SHUTDOWN_IDLE_TIMEOUT = Duration.ofMillis(500);

    /** The operations side: health (database and CA), metrics, and the pool size the admission limit follows. */
    public record Operations(HealthCheck health, ServerMetrics metrics, int poolSize) {}

    /**
     * How long one node keeps the timeout sweep after each run (it runs every minute): another node sharing
     * the database takes over this long after the holder stopped.
     */
    static final Duration SWEEP_LEASE = Duration.ofMinutes(3);

    /** How often the timeout sweep runs. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    /**
     * The first sweep's delay after a start: long enough to stay out of the start's way (its first statements
     * in a cold JVM ran beside the first requests), short against the renewals' timeout.
     */
    static final Duration SWEEP_FIRST_AFTER = Duration.ofSeconds(5);

    private final Server jetty;
    private final ServerConnector connector;
    private final HttpEndpoint listener;
    private final ScheduledExecutorService housekeeping;

    private RenewalServer(
            Server jetty, ServerConnector connector, HttpEndpoint listener, ScheduledExecutorService housekeeping) {
        this.jetty = jetty;
        this.connector = connector;
        this.listener = listener;
        this.housekeeping = housekeeping;
    }

    /** Plain HTTP on loopback with the API only: for tests and tools on one machine. */
    public static RenewalServer start(String host, int port, RenewalService service) throws Exception {
        return start(HttpEndpoint.plainHttpOnLoopback(host, port), service, null);
    }

    /** Starts listening (port 0 picks a free one); {@code launchSite} may be null. */
    public static RenewalServer start(HttpEndpoint listener, RenewalService service, Handler launchSite)
            throws Exception {
        return start(listener, service, launchSite, new RenewalApiHandler(service));
    }

    /** As above with the API's own handler (for example with another per-address limit on starts). */
    public static RenewalServer start(
            HttpEndpoint listener, RenewalService service, Handler launchSite, RenewalApiHandler api) throws Exception {
        return start(listener, service, launchSite, api, null);
    }

    /**
     * As above with the operations side ({@code /health}, {@code /metrics}, the admission limit in front of
     * the renewal steps); {@code operations} may be null (none of them).
     */
    public static RenewalServer start(
            HttpEndpoint listener,
            RenewalService service,
            Handler launchSite,
            RenewalApiHandler api,
            Operations operations)
            throws Exception {
        Server jetty = new Server();
        ServerConnector connector = connector(jetty, listener);
        jetty.addConnector(connector);
        List<Handler> handlers = new ArrayList<>(List.of(new SecurityHeaders(listener.secure())));
        if (operations != null) {
            handlers.add(new HealthHandler(operations.health()));
            handlers.add(new MetricsHandler(operations.metrics()));
            handlers.add(AdmissionLimit.forPool(
                    api.observedBy(operations.metrics()), operations.poolSize(), operations.metrics()));
        } else {
            handlers.add(api);
        }
        if (launchSite != null) {
            handlers.add(launchSite);
        }
        handlers.add(new DefaultHandler(false, false));
        // Graceful stop: stop accepting, let in-flight requests finish for up to STOP_TIMEOUT, then close.
        GracefulHandler graceful = new GracefulHandler(new Handler.Sequence(handlers.toArray(Handler[]::new)));
        graceful.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT.toMillis());
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT.toMillis());
        jetty.setHandler(graceful);
        jetty.setStopTimeout(STOP_TIMEOUT.toMillis());
        jetty.setErrorHandler(new QuietErrors());
        jetty.start();

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "renewal-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(
                () -> {
                    try {
                        RenewalCore.Sweep sweep = service.core().sweepTimedOutRenewals(SWEEP_LEASE);
                        if (operations != null) {
                            operations.metrics().timedOut(sweep.cancelled());
                        }
                        if (sweep.cancelled() > 0) {
                            LOG.info("Timeout sweep cancelled {} renewal(s)", sweep.cancelled());
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("Could not cancel timed-out renewals", e);
                    }
                },
                SWEEP_FIRST_AFTER.toSeconds(),
                SWEEP_EVERY.toSeconds(),
                TimeUnit.SECONDS);
        RenewalServer server = new RenewalServer(jetty, connector, listener, housekeeping);
        LOG.info("Renewal server listening on {}", server.baseUri());
        return server;
    }

    private static ServerConnector connector(Server jetty, HttpEndpoint listener) {
        ServerConnector connector;
        if (listener.secure()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            if (listener.tls().loaded() != null) {
                ssl.setKeyStore(listener.tls().loaded()); // read once at start, not again here
            } else {
                ssl.setKeyStorePath(listener.tls().keyStore().toString());
            }
            ssl.setKeyStorePassword(new String(listener.tls().password()));
            ssl.setKeyStoreType("PKCS12");
            HttpConfiguration https = httpConfiguration();
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            connector = new ServerConnector(
                    jetty, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        } else {
            connector = new ServerConnector(jetty, new HttpConnectionFactory(httpConfiguration()));
        }
        connector.setHost(listener.host());
        connector.setPort(listener.port());
        return connector;
    }

    /** No Server header (the version is nobody's business), no X-Powered-By. */
    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setSendXPoweredBy(false);
        return configuration;
    }

    /** Where clients reach this server, e.g. https://127.0.0.1:8443 */
    public URI baseUri() {
        String host = listener.host();
        return URI.create(listener.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + connector.getLocalPort());
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops accepting, finishes in-flight requests (up to {@link #STOP_TIMEOUT}), stops; {@link #join()} returns. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        try {
            jetty.stop();
            housekeeping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop", e);
        }
    }
}
