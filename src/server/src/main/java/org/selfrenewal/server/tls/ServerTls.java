package org.selfrenewal.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.IssuanceRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS identity: a configured PKCS#12 keystore in production, or on first start a development
 * certificate for localhost / 127.0.0.1 (and the public host) issued by our own root, kept in
 * {@code <ca>/tls-server.p12}. The development key is ECDSA P-256: the server signs every full handshake
 * with it, and a P-256 signature costs a fraction of an RSA-2048 one (docs/performance.md). A development
 * keystore from before (an RSA key) is replaced at the next start; clients trust the root, not the key.
 */
public record ServerTls(Path keyStore, char[] password) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    public static final String DEVELOPMENT_FILE = "tls-server.p12";
    private static final Duration DEVELOPMENT_VALIDITY = Duration.ofDays(397);
    private static final String DEVELOPMENT_KEY_ALGORITHM = "EC";

    /**
     * Loads or creates the development TLS keystore for {@code publicHost} (plus localhost and 127.0.0.1);
     * one expiring within 30 days, not naming the host or holding another key type is replaced.
     */
    public static ServerTls development(Path caDirectory, char[] password, CaHierarchy ca, String publicHost)
            throws IOException, GeneralSecurityException, IssuanceRefusedException {
        Path file = caDirectory.resolve(DEVELOPMENT_FILE);
        if (Files.isRegularFile(file) && covers(file, password, publicHost)) {
            return new ServerTls(file, password);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keyPair = generator.generateKeyPair();
        List<String> dnsNames = publicHost.equals("localhost") || isIp(publicHost)
                ? List.of("localhost")
                : List.of(publicHost, "localhost");
        List<String> ips = isIp(publicHost) && !publicHost.equals("127.0.0.1")
                ? List.of("127.0.0.1", publicHost)
                : List.of("127.0.0.1");
        X509Certificate certificate = ca.issueTlsServerCertificate(keyPair, dnsNames, ips, DEVELOPMENT_VALIDITY);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "server", keyPair.getPrivate(), password, new Certificate[] {certificate, ca.rootCertificate()});
        Path temporary = Files.createTempFile(caDirectory, DEVELOPMENT_FILE, ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Created development TLS certificate for {} and {}", dnsNames, ips);
        return new ServerTls(file, password);
    }

    private static boolean covers(Path file, char[] password, String host)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate("server");
        if (certificate == null
                || !DEVELOPMENT_KEY_ALGORITHM.equals(certificate.getPublicKey().getAlgorithm())
                || certificate.getNotAfter().getTime()
                        < System.currentTimeMillis() + Duration.ofDays(30).toMillis()) {
            return false;
        }
        var names = certificate.getSubjectAlternativeNames();
        return names != null && names.stream().anyMatch(n -> host.equalsIgnoreCase(String.valueOf(n.get(1))));
    }

    private static boolean isIp(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
