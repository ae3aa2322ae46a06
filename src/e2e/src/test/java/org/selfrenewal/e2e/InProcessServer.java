package org.selfrenewal.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.DevelopmentPassword;
import org.selfrenewal.launch.CardMiddleware;
import org.selfrenewal.launch.LaunchSite;
import org.selfrenewal.launch.LaunchSiteConfig;
import org.selfrenewal.server.HttpEndpoint;
import org.selfrenewal.server.RenewalServer;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.ServerSettings;
import org.selfrenewal.server.api.RenewalApiHandler;
import org.selfrenewal.server.limits.RateLimiter;
import org.selfrenewal.server.tls.ServerTls;

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

    /** The API over plain HTTP on loopback. */
    static InProcessServer start(Path workDirectory) throws Exception {
        return start(workDirectory, false, null);
    }

    /**
     * The whole server: API and launch site (page, JNLP, jars from {@code jarDirectory} when not null), over
     * HTTPS with the development TLS certificate when {@code https}, else plain HTTP on loopback.
     */
    static InProcessServer start(Path workDirectory, boolean https, Path jarDirectory) throws Exception {
        return start(workDirectory, https, jarDirectory, null, null, site -> site);
    }

    static InProcessServer start(Path workDirectory, boolean https, Path jarDirectory, String jdbcUrl, String jdbcUser)
            throws Exception {
        return start(workDirectory, https, jarDirectory, jdbcUrl, jdbcUser, site -> site);
    }

    /** As above, on the given database ({@code jdbcUrl} null: the embedded H2 default). */
    static InProcessServer start(
            Path workDirectory,
            boolean https,
            Path jarDirectory,
            String jdbcUrl,
            String jdbcUser,
            UnaryOperator<LaunchSiteConfig.Builder> siteChanges)
            throws Exception {
        return start(workDirectory, https, jarDirectory, jdbcUrl, jdbcUser, siteChanges, null);
    }

    /** As above; {@code startsPerAddress} replaces the API's per-address limit on starts (null: the default). */
    static InProcessServer start(
            Path workDirectory,
            boolean https,
            Path jarDirectory,
            String jdbcUrl,
            String jdbcUser,
            UnaryOperator<LaunchSiteConfig.Builder> siteChanges,
            RateLimiter startsPerAddress)
            throws Exception {
        Path data = Files.createDirectories(workDirectory.resolve("server-data"));
        copyCaTemplate(data.resolve("ca"));
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        int port = freePort();
        URI publicUrl = URI.create((https ? "https" : "http") + "://127.0.0.1:" + port);
        // the embedded database is shared: the RA's issue-card runs as a real process while this server runs
        ServerContext context = ServerContext.open(new ServerSettings(
                        data,
                        jdbcUrl,
                        jdbcUser,
                        jdbcUrl == null ? null : "",
                        clock,
                        ServerSettings.DEFAULT_RENEWAL_TIMEOUT,
                        publicUrl)
                .sharingEmbeddedDatabase());
        try {
            HttpEndpoint listener = https
                    ? HttpEndpoint.https(
                            "127.0.0.1",
                            port,
                            ServerTls.development(
                                    data.resolve("ca"),
                                    DevelopmentPassword.loadOrCreate(data.resolve("ca")),
                                    context.ca(),
                                    "127.0.0.1"))
                    : HttpEndpoint.plainHttpOnLoopback("127.0.0.1", port);
            // The test cards are SoftHSM2 tokens: the site configuration names its library for Linux clients.
            LaunchSiteConfig.Builder site = LaunchSiteConfig.builder()
                    .publicBaseUrl(URI.create(listener.scheme() + "://127.0.0.1:" + port))
                    .cardMiddleware(CardMiddleware.defaults()
                            .with(
                                    CardMiddleware.Os.LINUX,
                                    "/usr/lib/softhsm/libsofthsm2.so",
                                    CardMiddleware.DEFAULT_TOKEN));
            if (jarDirectory != null) {
                site.jarDirectory(jarDirectory);
            }
            RenewalApiHandler api = startsPerAddress == null
                    ? new RenewalApiHandler(context.renewals())
                    : new RenewalApiHandler(context.renewals(), startsPerAddress);
            return new InProcessServer(
                    data,
                    clock,
                    context,
                    RenewalServer.start(
                            listener,
                            context.renewals(),
                            new Handler.Sequence(
                                    context.revocationHandler(),
                                    LaunchSite.handler(siteChanges.apply(site).build())),
                            api));
        } catch (Exception e) {
            context.close();
            throw e;
        }
    }

    /** The development root CA, for clients that must trust this server's HTTPS certificate. */
    Path rootCaPem() {
        return DevelopmentHierarchy.certificateFile(dataDirectory.resolve("ca"), DevelopmentHierarchy.ROOT_CA);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Every test server gets a copy of one development CA made once per test run: creating three
     * RSA-3072 CA keys per test would dominate the suite's time. Each server still loads it from its own files.
     */
    static synchronized void copyCaTemplate(Path target) throws Exception {
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
    public void close() {
        http.close();
        context.close();
    }
}
