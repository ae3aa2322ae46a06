package org.selfrenewal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything the launch site needs to know about one installation.
 *
 * <p>Build it in code with {@link #builder()}, or from properties with {@link #fromProperties(Properties)}
 * (keys listed there; the development defaults are in
 * {@code org/selfrenewal/launch/launch-development.properties}).
 *
 * @param publicBaseUrl         the address users reach, scheme + host (+ port), e.g. {@code https://uim.example.nhs.uk};
 *                              all absolute links and the JNLP codebase are built from it
 * @param serverUrl             the renewal server the client talks to (first JNLP argument by default)
 * @param trust                 the trust's name and contacts shown on the pages
 * @param clientMainClass       the client's main class, written into the JNLP
 * @param clientJars            the jars in the JNLP, the first one holds the main class
 * @param clientArguments       the JNLP {@code <argument>}s
 * @param jarDirectory          directory served under {@code /urswebapp/jars/}, or {@code null} to serve none
 * @param developmentWarning    shown at the top of every page when the service runs on development defaults
 *                              where card holders can reach it, or {@code null}
 * @param offerJnlpx            also serve and offer {@code selfrenewal.jnlpx} on the IE-compat page
 * @param nothingHappenedDelay  how long after the launch click the "Nothing happened?" help appears
 * @param cardMiddleware        the client's PKCS#11 library and token per operating system
 * @param platformTrust         whether the client also trusts the platform's CAs for the service's HTTPS (the
 *                              JDK's default trust store, and Windows-ROOT on Windows), not only the anchors
 *                              shipped in the signed jar and the deployment kit's store
 */
public record LaunchSiteConfig(
        URI publicBaseUrl,
        URI serverUrl,
        TrustContacts trust,
        String clientMainClass,
        List<JarReference> clientJars,
        List<String> clientArguments,
        Path jarDirectory,
        boolean offerJnlpx,
        Duration nothingHappenedDelay,
        String developmentWarning,
        CardMiddleware cardMiddleware,
        boolean platformTrust) {

    /** Classpath location of the development defaults. */
    public static final String DEVELOPMENT_DEFAULTS = "org/selfrenewal/launch/launch-development.properties";

    /** Checks the values and copies the lists. */
    public LaunchSiteConfig {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clientMainClass, "clientMainClass");
        Objects.requireNonNull(nothingHappenedDelay, "nothingHappenedDelay");
        Objects.requireNonNull(cardMiddleware, "cardMiddleware");
        if (!"https".equals(publicBaseUrl.getScheme()) && !"http".equals(publicBaseUrl.getScheme())) {
            throw new IllegalArgumentException("publicBaseUrl must be http(s): " + publicBaseUrl);
        }
        if (publicBaseUrl.getHost() == null) {
            throw new IllegalArgumentException("publicBaseUrl needs a host: " + publicBaseUrl);
        }
        if (clientJars == null || clientJars.isEmpty()) {
            throw new IllegalArgumentException("clientJars must name at least the jar with the main class");
        }
        clientJars = List.copyOf(clientJars);
        clientArguments = List.copyOf(clientArguments == null ? List.of() : clientArguments);
    }

    /** The standard client arguments: the server URL and {@code operation=selfRenewSmartcard}. */
    public static List<String> defaultClientArguments(URI serverUrl) {
        return List.of(serverUrl.toString(), "operation=" + LaunchPaths.OPERATION);
    }

    /** This configuration with a warning on every page (development defaults where card holders reach it). */
    public LaunchSiteConfig withDevelopmentWarning(String warning) {
        return new LaunchSiteConfig(
                publicBaseUrl,
                serverUrl,
                trust,
                clientMainClass,
                clientJars,
                clientArguments,
                jarDirectory,
                offerJnlpx,
                nothingHappenedDelay,
                warning,
                cardMiddleware,
                platformTrust);
    }

    /** This configuration serving the jars in {@code directory}. */
    public LaunchSiteConfig withJarDirectory(Path directory) {
        return new LaunchSiteConfig(
                publicBaseUrl,
                serverUrl,
                trust,
                clientMainClass,
                clientJars,
                clientArguments,
                directory,
                offerJnlpx,
                nothingHappenedDelay,
                developmentWarning,
                cardMiddleware,
                platformTrust);
    }

    /** A new builder, pre-filled with the development defaults. */
    public static Builder builder() {
        return new Builder(developmentDefaults());
    }

    /** The configuration of the development trust (see {@link #DEVELOPMENT_DEFAULTS}). */
    public static LaunchSiteConfig developmentDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = LaunchSiteConfig.class.getClassLoader().getResourceAsStream(DEVELOPMENT_DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + DEVELOPMENT_DEFAULTS);
            }
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fromProperties(defaults, null);
    }

    /**
     * Reads a configuration; keys missing from {@code properties} keep their development default.
     *
     * <pre>
     * launch.publicBaseUrl   = https://uim.example.nhs.uk
     * launch.serverUrl       = https://uim.example.nhs.uk        (default: publicBaseUrl)
     * launch.jarDirectory    = /opt/selfrenewal/jars             (default: none)
     * launch.offerJnlpx      = false
     * launch.nothingHappenedDelaySeconds = 8
     * trust.name, trust.itPhone, trust.serviceDesk, trust.registrationAuthority, trust.registrationAuthorityContact
     * client.mainClass       = org.selfrenewal.client.WebStartLaunch
     * client.jars            = client=jars/client-0.1.0.jar, bcprov=jars/bcprov-jdk18on-1.79.jar   (name=href, in order)
     *                          natives-linux=jars/natives-linux.jar;os=Linux;arch=amd64 x86_64    (one platform only)
     * client.arguments       = one|two                            (default: serverUrl|operation=selfRenewSmartcard)
     * client.platformTrust   = false                              (true: the client also trusts the platform's CAs)
     * card.windows.pkcs11Library, card.macos.pkcs11Library, card.linux.pkcs11Library, card.&lt;os&gt;.token
     *                                                             (see {@link CardMiddleware})
     * </pre>
     */
    public static LaunchSiteConfig fromProperties(Properties properties) {
        return fromProperties(properties, developmentDefaults());
    }

    private static LaunchSiteConfig fromProperties(Properties p, LaunchSiteConfig defaults) {
        URI publicBaseUrl = uri(p, "launch.publicBaseUrl", defaults == null ? null : defaults.publicBaseUrl());
        URI serverUrl = uri(p, "launch.serverUrl", publicBaseUrl);
        TrustContacts trust = new TrustContacts(
                text(p, "trust.name", defaults == null ? null : defaults.trust().trustName()),
                text(
                        p,
                        "trust.itPhone",
                        defaults == null ? null : defaults.trust().itPhone()),
                text(
                        p,
                        "trust.serviceDesk",
                        defaults == null ? null : defaults.trust().serviceDesk()),
                text(
                        p,
                        "trust.registrationAuthority",
                        defaults == null ? null : defaults.trust().registrationAuthority()),
                text(
                        p,
                        "trust.registrationAuthorityContact",
                        defaults == null ? null : defaults.trust().registrationAuthorityContact()));
        String mainClass = text(p, "client.mainClass", defaults == null ? null : defaults.clientMainClass());
        List<JarReference> jars =
                p.containsKey("client.jars") ? jars(p.getProperty("client.jars")) : defaults.clientJars();
        List<String> arguments = p.containsKey("client.arguments")
                ? List.of(p.getProperty("client.arguments").split("\\|", -1))
                : defaultClientArguments(serverUrl);
        String jarDirectory = p.getProperty("launch.jarDirectory", "").trim();
        boolean offerJnlpx = Boolean.parseBoolean(
                text(p, "launch.offerJnlpx", defaults == null ? "false" : Boolean.toString(defaults.offerJnlpx())));
        long delaySeconds = Long.parseLong(text(
                p,
                "launch.nothingHappenedDelaySeconds",
                defaults == null
                        ? "8"
                        : Long.toString(defaults.nothingHappenedDelay().toSeconds())));
        return new LaunchSiteConfig(
                publicBaseUrl,
                serverUrl,
                trust,
                mainClass,
                jars,
                arguments,
                jarDirectory.isEmpty() ? (defaults == null ? null : defaults.jarDirectory()) : Path.of(jarDirectory),
                offerJnlpx,
                Duration.ofSeconds(delaySeconds),
                null,
                CardMiddleware.fromProperties(
                        p, defaults == null ? CardMiddleware.defaults() : defaults.cardMiddleware()),
                Boolean.parseBoolean(text(
                        p,
                        "client.platformTrust",
                        defaults == null ? "false" : Boolean.toString(defaults.platformTrust()))));
    }

    private static String text(Properties p, String key, String fallback) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException("Missing configuration key " + key);
            }
            return fallback;
        }
        return value.trim();
    }

    private static URI uri(Properties p, String key, URI fallback) {
        String value = p.getProperty(key);
        return value == null || value.isBlank() ? Objects.requireNonNull(fallback, key) : URI.create(value.trim());
    }

    private static List<JarReference> jars(String list) {
        List<JarReference> jars = new ArrayList<>();
        for (String entry : list.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("client.jars entries are name=href, got: " + trimmed);
            }
            String[] parts = trimmed.substring(equals + 1).split(";", -1);
            String os = "";
            String arch = "";
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].trim();
                if (part.startsWith("os=")) {
                    os = part.substring(3).trim();
                } else if (part.startsWith("arch=")) {
                    arch = part.substring(5).trim();
                } else {
                    throw new IllegalArgumentException(
                            "client.jars entries are name=href[;os=OS[;arch=ARCH]], got: " + trimmed);
                }
            }
            jars.add(new JarReference(trimmed.substring(0, equals).trim(), parts[0].trim(), os, arch));
        }
        return jars;
    }

    /** Builder for {@link LaunchSiteConfig}; starts from the development defaults. */
    public static final class Builder {
        private URI publicBaseUrl;
        private URI serverUrl;
        private boolean serverUrlSet;
        private TrustContacts trust;
        private String clientMainClass;
        private List<JarReference> clientJars;
        private List<String> clientArguments;
        private Path jarDirectory;
        private String developmentWarning;
        private boolean offerJnlpx;
        private Duration nothingHappenedDelay;
        private CardMiddleware cardMiddleware;
        private boolean platformTrust;

        private Builder(LaunchSiteConfig defaults) {
            publicBaseUrl = defaults.publicBaseUrl();
            serverUrl = defaults.serverUrl();
            trust = defaults.trust();
            clientMainClass = defaults.clientMainClass();
            clientJars = defaults.clientJars();
            jarDirectory = defaults.jarDirectory();
            offerJnlpx = defaults.offerJnlpx();
            nothingHappenedDelay = defaults.nothingHappenedDelay();
            cardMiddleware = defaults.cardMiddleware();
            platformTrust = defaults.platformTrust();
        }

        /** Sets the client's PKCS#11 library and token per operating system. */
        public Builder cardMiddleware(CardMiddleware value) {
            cardMiddleware = value;
            return this;
        }

        /** Lets the client trust the platform's CAs for the service's HTTPS too. */
        public Builder platformTrust(boolean value) {
            platformTrust = value;
            return this;
        }

        /** Sets the public base URL (also the server URL unless {@link #serverUrl(URI)} is called). */
        public Builder publicBaseUrl(URI value) {
            publicBaseUrl = value;
            return this;
        }

        /** Sets the renewal server URL given to the client. */
        public Builder serverUrl(URI value) {
            serverUrl = value;
            serverUrlSet = true;
            return this;
        }

        /** Sets the trust's name and contacts. */
        public Builder trust(TrustContacts value) {
            trust = value;
            return this;
        }

        /** Sets the client's main class. */
        public Builder clientMainClass(String value) {
            clientMainClass = value;
            return this;
        }

        /** Sets the client jars (first = main jar). */
        public Builder clientJars(List<JarReference> value) {
            clientJars = List.copyOf(value);
            return this;
        }

        /** Sets the client arguments (default: server URL, {@code operation=selfRenewSmartcard}). */
        public Builder clientArguments(List<String> value) {
            clientArguments = List.copyOf(value);
            return this;
        }

        /** Sets the directory served under {@code /urswebapp/jars/}. */
        public Builder jarDirectory(Path value) {
            jarDirectory = value;
            return this;
        }

        /** Sets the warning every page shows while the service runs on development defaults. */
        public Builder developmentWarning(String value) {
            developmentWarning = value;
            return this;
        }

        /** Enables the {@code .jnlpx} download. */
        public Builder offerJnlpx(boolean value) {
            offerJnlpx = value;
            return this;
        }

        /** Sets the delay before the "Nothing happened?" help appears. */
        public Builder nothingHappenedDelay(Duration value) {
            nothingHappenedDelay = value;
            return this;
        }

        /** Builds the configuration. */
        public LaunchSiteConfig build() {
            URI server = serverUrlSet ? serverUrl : publicBaseUrl;
            List<String> arguments = clientArguments != null ? clientArguments : defaultClientArguments(server);
            return new LaunchSiteConfig(
                    publicBaseUrl,
                    server,
                    trust,
                    clientMainClass,
                    clientJars,
                    arguments,
                    jarDirectory,
                    offerJnlpx,
                    nothingHappenedDelay,
                    developmentWarning,
                    cardMiddleware,
                    platformTrust);
        }
    }
}
