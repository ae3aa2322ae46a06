package org.selfrenewal.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificate authorities the client trusts for the renewal service's TLS certificate: the ones
 * shipped inside the signed client jar ({@value #BUNDLED}), plus any configured with {@code --trust-anchor}.
 * With neither, the Java runtime's own trust store is used. (OpenWebStart's TLS settings do not reliably
 * reach an application's HTTP client, so the client decides itself.)
 */
public final class TrustAnchors {

    /** Resource inside the client jar holding PEM certificates to trust; absent in a plain build. */
    public static final String BUNDLED = "/org/selfrenewal/client/trust-anchors.pem";

    private TrustAnchors() {}

    /**
     * The bundled anchors and those in {@code configured} (PEM files), plus the TLS trust the deployment kit
     * installed for the JNLP client ({@link DeploymentTrustStores}; with the runtime's defaults when nothing is
     * bundled or configured).
     */
    public static List<X509Certificate> load(List<Path> configured) throws IOException, GeneralSecurityException {
        List<X509Certificate> anchors = new ArrayList<>();
        try (InputStream bundled = TrustAnchors.class.getResourceAsStream(BUNDLED)) {
            if (bundled != null) {
                anchors.addAll(parse(bundled.readAllBytes()));
            }
        }
        for (Path file : configured) {
            anchors.addAll(parse(Files.readAllBytes(file)));
        }
        List<X509Certificate> deployment = DeploymentTrustStores.installed();
        if (!deployment.isEmpty()) {
            if (anchors.isEmpty()) {
                anchors.addAll(platformDefaults());
            }
            anchors.addAll(deployment);
        }
        return anchors;
    }

    /** The runtime's default trust anchors (its cacerts), kept when deployment stores add to them. */
    private static List<X509Certificate> platformDefaults() throws GeneralSecurityException {
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

    /** An SSL context trusting exactly {@code anchors}, or the runtime default when there are none. */
    public static SSLContext sslContext(List<X509Certificate> anchors) throws GeneralSecurityException, IOException {
        if (anchors.isEmpty()) {
            return SSLContext.getDefault();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < anchors.size(); i++) {
            store.setCertificateEntry("anchor-" + i, anchors.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static List<X509Certificate> parse(byte[] pem) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (var certificate : factory.generateCertificates(new ByteArrayInputStream(pem))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }
}
