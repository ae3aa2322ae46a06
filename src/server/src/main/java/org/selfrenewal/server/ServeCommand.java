package org.selfrenewal.server;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.eclipse.jetty.server.Handler;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.DevelopmentPassword;
import org.selfrenewal.ca.HsmHierarchy;
import org.selfrenewal.launch.JarReference;
import org.selfrenewal.launch.LaunchSite;
import org.selfrenewal.launch.LaunchSiteConfig;
import org.selfrenewal.protocol.ProtocolJson;
import org.selfrenewal.server.api.RenewalApiHandler;
import org.selfrenewal.server.ops.HealthCheck;
import org.selfrenewal.server.ops.ServerMetrics;
import org.selfrenewal.server.ops.TerminationSignals;
import org.selfrenewal.server.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the renewal API, the renewal page, the JNLP and the signed jars, over HTTPS. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Run the renewal service (HTTPS; plain HTTP only on loopback when asked).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    StorageOptions data;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8443;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "Address card holders use, e.g. https://uim.example.nhs.uk (default: this listener).")
    URI publicUrl;

    @Option(
            names = "--share-database",
            description =
                    "Let RA commands use the embedded database while the "
                            + "server runs (H2 AUTO_SERVER on 127.0.0.1 with the generated password; default: no database port).")
    boolean shareDatabase;

    @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS (loopback addresses only).")
    boolean plainHttp;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            description = "PKCS#12 keystore with the server's TLS key and chain (default: a development "
                    + "certificate from the server's own CA).")
    Path tlsKeyStore;

    @Option(names = "--tls-password-env", paramLabel = "VAR", description = "Environment variable with its password.")
    String tlsPasswordVariable;

    @Option(
            names = "--site-config",
            paramLabel = "FILE",
            description = "Launch site properties: trust name and contacts, jars, jnlpx (see src/launch/README.md).")
    Path siteConfig;

    @Option(
            names = "--jar-dir",
            paramLabel = "DIR",
            description = "Directory of the signed client jars to serve "
                    + "(default: a jars/ folder beside the server jar, else the build's src/webstart/target/jars).")
    Path jarDirectory;

    @Option(
            names = "--allow-development-defaults",
            description = "Run at a public --public-url with the "
                    + "development CA, TLS certificate or no --site-config anyway (a test service): warned at every start and "
                    + "on every page. Without it serve refuses them.")
    boolean allowDevelopmentDefaults;

    @Option(
            names = "--without-launch-site",
            description = "Serve only the API and the CRLs/OCSP: no renewal page, " + "JNLP or jars.")
    boolean withoutLaunchSite;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        int boundPort = port != 0 ? port : freePort();
        // The default public URL is the address this listener prints ("ready at"): the one a client on this
        // machine is given, and so the service identity its proof names.
        String ownHost = host.equals("0.0.0.0") || host.equals("::")
                ? "localhost"
                : host.contains(":") ? "[" + host + "]" : host;
        URI base = publicUrl != null
                ? publicUrl
                : URI.create((plainHttp ? "http" : "https") + "://" + ownHost + ":" + boundPort);
        LaunchSiteConfig site = withoutLaunchSite ? null : siteConfig(base);
        if (DevelopmentDefaults.isPublic(publicUrl)) {
            DevelopmentDefaults defaults = DevelopmentDefaults.find(data.caDirectory(), tlsKeyStore, siteConfig, site);
            if (defaults.any() && !allowDevelopmentDefaults) {
                throw new OptionChecks(spec).problem(defaults.refusal(publicUrl));
            }
            if (defaults.any()) {
                LOG.warn(defaults.warning(publicUrl));
                site = site == null ? null : site.withDevelopmentWarning(DevelopmentDefaults.PAGE_WARNING);
            }
        }
        ServerSettings settings = data.settings().withPublicUrl(base);
        // The TLS key store is read while the database opens and the CA's keys load.
        FutureTask<ServerTls> tlsReadAhead = tlsReadAhead();
        FutureTask<ServerMetrics> metricsAhead = inBackground(new FutureTask<>(ServerMetrics::new), "metrics-create");
        // The API's JSON mappers (Jackson's data binding: some 300 classes, 0.3 s of a cold JVM) are built
        // meanwhile too, rather than on the main thread when the API handler is made.
        inBackground(ProtocolJson::strictMapper, "json-create");
        long stopping;
        try (ServerContext context =
                ServerContext.open(shareDatabase ? settings.sharingEmbeddedDatabase() : settings)) {
            HttpEndpoint listener = listener(context, boundPort, readAhead(tlsReadAhead));
            Handler handlers = site == null
                    ? context.revocationHandler()
                    : new Handler.Sequence(context.revocationHandler(), LaunchSite.handler(site));
            ServerMetrics metrics = readAhead(metricsAhead);
            metrics.bindPool(context.database().dataSource());
            HealthCheck health = new HealthCheck(context.database().dataSource(), context.ca(), settings.clock());
            health.checkCaKeysAhead(); // the CA keys' first signatures while Jetty starts
            RenewalServer.Operations operations = new RenewalServer.Operations(
                    health, metrics, context.database().poolSize());
            try (RenewalServer server = RenewalServer.start(
                    listener, context.renewals(), handlers, new RenewalApiHandler(context.renewals()), operations)) {
                TerminationSignals.onTermination(() -> stop(server));
                inBackground(metrics::bindJvmMeters, "metrics-jvm");
                System.out.println("Renewal service ready at " + server.baseUri());
                if (site != null) {
                    System.out.println("Renewal page: " + base + "/urswebapp/?operation=selfRenewSmartcard");
                    System.out.println("Client jars served from " + site.jarDirectory());
                } else {
                    System.out.println("No launch site (--without-launch-site): the API and CRLs/OCSP only");
                }
                server.join();
            } finally {
                metrics.close();
            }
            stopping = System.nanoTime();
        }
        LOG.info("Stopped (database closed in {} ms)", (System.nanoTime() - stopping) / 1_000_000);
        return 0;
    }

    private static void stop(RenewalServer server) {
        try {
            long started = System.nanoTime();
            server.close();
            LOG.info("HTTP stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.warn("Stopping the server failed", e);
        }
    }

    /** Every option checked before anything is created: a mistake leaves no CA, database or file behind. */
    private void checkOptions() {
        OptionChecks checks = new OptionChecks(spec);
        checks.port("--port", port);
        data.check(checks);
        if (publicUrl != null) {
            checks.webAddress("--public-url", publicUrl);
        }
        if (plainHttp && !HttpEndpoint.isLoopback(host)) {
            throw checks.problem("--plain-http is only allowed on a loopback address (127.0.0.1, ::1, localhost), "
                    + "not on --host " + host + ". Serve HTTPS instead.");
        }
        if (tlsKeyStore != null) {
            checks.readableFile("--tls-keystore", tlsKeyStore);
            checks.environmentVariable("--tls-password-env", tlsPasswordVariable);
        }
        if (siteConfig != null) {
            checks.readableFile("--site-config", siteConfig);
        }
        if (!plainHttp && tlsKeyStore == null && HsmHierarchy.configured(data.caDirectory())) {
            throw checks.problem("The CA in " + data.caDirectory() + " was imported with its keys on an HSM (ca "
                    + "import): its root's key is not here to make a development TLS certificate. Pass the service's "
                    + "own: --tls-keystore FILE --tls-password-env VAR");
        }
        if (jarDirectory != null) {
            checks.existingDirectory("--jar-dir", jarDirectory);
        }
    }

    /**
     * Reads the TLS key store on its own thread: the configured one, or the development one when the CA
     * directory already has it (else it is made after the CA loads). Null when there is nothing to read ahead.
     */
    private FutureTask<ServerTls> tlsReadAhead() {
        FutureTask<ServerTls> reading;
        if (plainHttp) {
            return null;
        } else if (tlsKeyStore != null) {
            reading = new FutureTask<>(() -> ServerTls.read(tlsKeyStore, tlsPassword()));
        } else if (DevelopmentHierarchy.exists(data.caDirectory())
                && Files.isRegularFile(DevelopmentPassword.file(data.caDirectory()))
                && Files.isRegularFile(data.caDirectory().resolve(ServerTls.DEVELOPMENT_FILE))) {
            // an existing development CA: its password file is only read here, never created
            reading = new FutureTask<>(() -> ServerTls.existingDevelopment(
                            data.caDirectory(), DevelopmentPassword.loadOrCreate(data.caDirectory()), publicHost())
                    .orElse(null));
        } else {
            return null;
        }
        return inBackground(reading, "tls-key-store-read");
    }

    /** Runs {@code work} on a thread of its own that nothing waits for: a failure is logged, not lost. */
    private static void inBackground(Runnable work, String name) {
        inBackground(
                new FutureTask<Void>(
                        () -> {
                            try {
                                work.run();
                            } catch (RuntimeException | Error e) {
                                LOG.warn("Start-up task {} failed", name, e);
                                throw e;
                            }
                        },
                        null),
                name);
    }

    private static <T> FutureTask<T> inBackground(FutureTask<T> task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** What a task started ahead made (null for no task), once it is done; its failure as thrown. */
    private static <T> T readAhead(FutureTask<T> reading) throws Exception {
        if (reading == null) {
            return null;
        }
        try {
            return reading.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private HttpEndpoint listener(ServerContext context, int boundPort, ServerTls readAhead) throws Exception {
        if (plainHttp) {
            return HttpEndpoint.plainHttpOnLoopback(host, boundPort);
        }
        if (readAhead != null) {
            return HttpEndpoint.https(host, boundPort, readAhead);
        }
        if (tlsKeyStore != null) {
            return HttpEndpoint.https(host, boundPort, new ServerTls(tlsKeyStore, tlsPassword()));
        }
        Path caDirectory = context.settings().caDirectory();
        String publicHost = publicHost();
        return HttpEndpoint.https(
                host,
                boundPort,
                ServerTls.development(
                        caDirectory, DevelopmentPassword.loadOrCreate(caDirectory), context.ca(), publicHost));
    }

    private char[] tlsPassword() {
        String password = tlsPasswordVariable == null ? null : System.getenv(tlsPasswordVariable);
        if (password == null) {
            throw new IllegalArgumentException("--tls-keystore needs --tls-password-env naming a set variable");
        }
        return password.toCharArray();
    }

    private String publicHost() {
        return publicUrl != null ? publicUrl.getHost() : "localhost";
    }

    /** The launch site's configuration, with a jar directory holding every jar its JNLP names. */
    private LaunchSiteConfig siteConfig(URI base) throws IOException {
        Properties properties = new Properties();
        if (siteConfig != null) {
            try (InputStream in = Files.newInputStream(siteConfig)) {
                properties.load(in);
            }
        }
        properties.putIfAbsent("launch.publicBaseUrl", base.toString());
        if (jarDirectory != null) {
            properties.setProperty(
                    "launch.jarDirectory", jarDirectory.toAbsolutePath().toString());
        }
        LaunchSiteConfig config;
        try {
            config = LaunchSiteConfig.fromProperties(properties);
        } catch (IllegalArgumentException e) {
            throw new OptionChecks(spec).problem("--site-config " + siteConfig + ": " + e.getMessage());
        }
        Path jars = config.jarDirectory() != null ? checkedJarDirectory(config) : foundJarDirectory(config);
        return config.withJarDirectory(jars.toAbsolutePath());
    }

    private Path checkedJarDirectory(LaunchSiteConfig config) {
        String option = jarDirectory != null ? "--jar-dir" : "launch.jarDirectory in --site-config";
        var missing = ClientJars.missing(config.jarDirectory(), config.clientJars());
        if (!missing.isEmpty()) {
            throw new OptionChecks(spec)
                    .problem(option + " " + config.jarDirectory() + " lacks " + String.join(", ", missing)
                            + ", which the JNLP names (client.jars): pass the folder with the signed client jars");
        }
        return config.jarDirectory();
    }

    private Path foundJarDirectory(LaunchSiteConfig config) {
        List<Path> candidates = ClientJars.defaultCandidates();
        return ClientJars.find(candidates, config.clientJars()).orElseThrow(() -> new OptionChecks(spec)
                .problem("No signed client jars to serve: the JNLP names "
                        + config.clientJars().stream().map(JarReference::href).toList() + ", not found in " + candidates
                        + ". Pass --jar-dir DIR "
                        + "with the signed jars (src/webstart/target/jars after ./mvnw package, or the jars/ folder "
                        + "of a distribution), or --without-launch-site to serve only the API."));
    }

    @SuppressFBWarnings(
            value = "UNENCRYPTED_SERVER_SOCKET",
            justification = "only asks the kernel for a free port; closed at once, never accepts a connection")
    private int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }
}
