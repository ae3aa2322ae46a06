package org.selfrenewal.launch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A real Jetty server on 127.0.0.1 with an ephemeral port, running the launch site. */
final class TestSite implements AutoCloseable {

    static final String CHROME_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    static final String EDGE_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86";
    static final String IE11_UA = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko";
    static final String FIREFOX_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    static final String SAFARI_UA =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/18.1 Safari/605.1.15";
    static final String IE10_UA = "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0)";

    static final String MAIN_CLASS = "org.selfrenewal.client.WebStartLaunch";
    static final TrustContacts TRUST = new TrustContacts(
            "Test Valley NHS Trust",
            "ext 5499",
            "log a job via the Service Desk icon on your desktop",
            "Smartcard RA office, Main Building",
            "ext 4321 or ra@testvalley.example");

    private final Server server;
    private final LaunchSite site;
    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestSite(Server server, LaunchSite site, URI base) {
        this.server = server;
        this.site = site;
        this.base = base;
    }

    /** Starts a site with the test trust; {@code customise} can change the config builder. */
    static TestSite start(Path jarDirectory, UnaryOperator<LaunchSiteConfig.Builder> customise) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        DeferredHandler deferred = new DeferredHandler();
        server.setHandler(deferred);
        server.start();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        LaunchSiteConfig.Builder builder = LaunchSiteConfig.builder()
                .publicBaseUrl(base)
                .trust(TRUST)
                .clientMainClass(MAIN_CLASS)
                .clientJars(List.of(
                        new JarReference("client", "jars/client-1.2.3.jar"),
                        new JarReference("bcprov", "jars/bcprov-jdk18on-1.79.jar")))
                .jarDirectory(jarDirectory)
                .nothingHappenedDelay(Duration.ofSeconds(2));
        LaunchSite site = LaunchSite.handler(customise.apply(builder).build());
        site.setServer(server);
        site.start();
        deferred.delegate = site;
        return new TestSite(server, site, base);
    }

    static TestSite start() throws Exception {
        return start(null, b -> b);
    }

    URI base() {
        return base;
    }

    URI url(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    LaunchSiteConfig config() {
        return site.config();
    }

    HttpResponse<String> get(String pathAndQuery, String userAgent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        try {
            site.stop();
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the test site did not stop", e);
        }
    }

    /** Lets the test learn the port before it builds the site. */
    private static final class DeferredHandler extends Handler.Abstract {
        private volatile Handler delegate;

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Handler current = delegate;
            return current != null && current.handle(request, response, callback);
        }
    }
}
