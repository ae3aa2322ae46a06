package org.selfrenewal.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The TLS trust a trust's IT installed for the JNLP client (the deployment kit's {@code jssecacerts}): the
 * system store OpenWebStart reads ({@code C:\Windows\Sun\Java\Deployment\jssecacerts},
 * {@code /etc/.java/deployment/jssecacerts}) and IcedTea-Web's user-level {@code trusted.jssecacerts}. The
 * JNLP client trusted these to download this very client from the service, so the client trusts them for the
 * same service's API: no rebuild of the jar with the service's CA is needed.
 */
final class DeploymentTrustStores {

    static final String WINDOWS_SYSTEM = "C:\\Windows\\Sun\\Java\\Deployment\\jssecacerts";
    static final String UNIX_SYSTEM = "/etc/.java/deployment/jssecacerts";

    private DeploymentTrustStores() {}

    /** The stores looked in, for an operating system, a home directory and {@code $XDG_CONFIG_HOME} (or null). */
    static List<Path> locations(String osName, String userHome, String xdgConfigHome) {
        List<Path> locations = new ArrayList<>();
        locations.add(Path.of(osName.toLowerCase(Locale.ROOT).startsWith("windows") ? WINDOWS_SYSTEM : UNIX_SYSTEM));
        Path config = xdgConfigHome != null && !xdgConfigHome.isBlank()
                ? Path.of(xdgConfigHome)
                : Path.of(userHome, ".config");
        locations.add(config.resolve("icedtea-web").resolve("security").resolve("trusted.jssecacerts"));
        return locations;
    }

    /** The certificates installed on this machine for this user. */
    static List<X509Certificate> installed() {
        return certificates(locations(
                System.getProperty("os.name", ""),
                System.getProperty("user.home", ""),
                System.getenv("XDG_CONFIG_HOME")));
    }

    /** Every trusted certificate in those of {@code stores} that exist (JKS or PKCS#12, read without password). */
    static List<X509Certificate> certificates(List<Path> stores) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : stores) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore store = KeyStore.getInstance("JKS");
                store.load(in, null);
                for (String alias : Collections.list(store.aliases())) {
                    Certificate certificate = store.getCertificate(alias);
                    if (store.isCertificateEntry(alias) && certificate instanceof X509Certificate x509) {
                        certificates.add(x509);
                    }
                }
            } catch (IOException | GeneralSecurityException e) {
                LoggerFactory.getLogger(DeploymentTrustStores.class)
                        .warn("Cannot read the trust store {}: {}", file, e.getMessage());
            }
        }
        return certificates;
    }
}
