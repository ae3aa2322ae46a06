package org.selfrenewal.client;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.LoggerFactory;

/**
 * The platform's trust for the service's HTTPS, used only when the site configuration allows it (the JNLP
 * property {@value #PROPERTY}, set by the server from {@code client.platformTrust}): the Java runtime's default
 * trust store (its {@code cacerts}, or {@code javax.net.ssl.trustStore} when set) and, on Windows, the
 * machine's and user's trusted roots ({@code Windows-ROOT}). For a service with a public or NHS TLS
 * certificate that the signed jar does not ship.
 */
final class PlatformTrust {

    /** The JNLP property that turns it on ({@code true}); anything else leaves it off. */
    static final String PROPERTY = "selfrenewal.trust.platform";

    /** Where platform trust comes from. */
    enum Source {
        /** The Java runtime's default trust store. */
        JAVA_DEFAULT,
        /** Windows' certificate store of trusted roots, through the JDK's SunMSCAPI provider. */
        WINDOWS_ROOT
    }

    private PlatformTrust() {}

    /** The sources for an operating system, when the configuration allows platform trust; none otherwise. */
    static List<Source> sources(String osName, String allowed) {
        if (!"true".equalsIgnoreCase(allowed == null ? "" : allowed.trim())) {
            return List.of();
        }
        return osName.toLowerCase(Locale.ROOT).startsWith("windows")
                ? List.of(Source.JAVA_DEFAULT, Source.WINDOWS_ROOT)
                : List.of(Source.JAVA_DEFAULT);
    }

    /** The platform's trusted certificates on this machine, if the configuration allows them. */
    static List<X509Certificate> installed() {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Source source : sources(System.getProperty("os.name", ""), System.getProperty(PROPERTY))) {
            try {
                certificates.addAll(source == Source.JAVA_DEFAULT ? javaDefaults() : windowsRoots());
            } catch (IOException | GeneralSecurityException e) {
                LoggerFactory.getLogger(PlatformTrust.class)
                        .warn("Cannot read the platform's trusted certificates ({}): {}", source, e.getMessage());
            }
        }
        return certificates;
    }

    /** The runtime's default trust anchors. */
    static List<X509Certificate> javaDefaults() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> defaults = new ArrayList<>();
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                defaults.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return defaults;
    }

    private static List<X509Certificate> windowsRoots() throws IOException, GeneralSecurityException {
        KeyStore roots = KeyStore.getInstance("Windows-ROOT");
        roots.load(null, null);
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(roots.aliases())) {
            Certificate certificate = roots.getCertificate(alias);
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return certificates;
    }
}
