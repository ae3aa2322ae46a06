package org.selfrenewal.server.tls;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.IssuanceRefusedException;
import org.selfrenewal.ca.Pkcs12Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS identity: a configured PKCS#12 keystore in production, or on first start a development
 * certificate for localhost / 127.0.0.1 (and the public host) issued by our own root, kept in
 * {@code <ca>/tls-server.p12}. {@code loaded}: the keystore already read (null: read when listening), so
 * that a start reads it, and pays its password derivations, once. The development key is ECDSA P-256: the
 * server signs every full handshake with it, and a P-256 signature costs less than an RSA-2048 one
 * (docs/performance.md). A development keystore from before (an RSA key) is kept until it is due for
 * replacement (it may be read without the CA's key, see {@link #existingDevelopment}).
 */
public record ServerTls(Path keyStore, char[] password, KeyStore loaded) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    public static final String DEVELOPMENT_FILE = "tls-server.p12";
    private static final Duration DEVELOPMENT_VALIDITY = Duration.ofDays(397);

    /** The key store as read at start (null: not read yet), handed to Jetty as it is. */
    @Override
    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "read once at start and handed to Jetty, by design")
    public KeyStore loaded() {
        return loaded;
    }

    /** A configured keystore, read when the server starts listening. */
    public ServerTls(Path keyStore, char[] password) {
        this(keyStore, password, null);
    }

    /** A configured keystore read now (the server then listens without reading it again). */
    public static ServerTls read(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        return new ServerTls(keyStore, password, load(keyStore, password));
    }

    /**
     * Loads or creates the development TLS keystore for {@code publicHost} (plus localhost and 127.0.0.1);
     * one expiring within 30 days or not naming the host is replaced (by an ECDSA P-256 one).
     */
    public static ServerTls development(Path caDirectory, char[] password, CaHierarchy ca, String publicHost)
            throws IOException, GeneralSecurityException, IssuanceRefusedException {
        Optional<ServerTls> existing = existingDevelopment(caDirectory, password, publicHost);
        if (existing.isPresent()) {
            return existing.get();
        }
        Path file = caDirectory.resolve(DEVELOPMENT_FILE);
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
        // the development password: written as the CA's own files are, cheap to read at every start (Pkcs12Files)
        byte[] encoded = Pkcs12Files.encode(
                "server", keyPair.getPrivate(), List.of(certificate, ca.rootCertificate()), password);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(encoded), password);
        Path temporary = Files.createTempFile(caDirectory, DEVELOPMENT_FILE, ".tmp");
        Files.write(temporary, encoded);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Created development TLS certificate for {} and {}", dnsNames, ips);
        return new ServerTls(file, password, store);
    }

    /**
     * The development TLS keystore already in {@code caDirectory}, read, if it covers {@code publicHost} for
     * at least 30 more days; empty if it must be (re)made with {@link #development}. Needs no CA key.
     */
    public static Optional<ServerTls> existingDevelopment(Path caDirectory, char[] password, String publicHost)
            throws IOException, GeneralSecurityException {
        Path file = caDirectory.resolve(DEVELOPMENT_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        KeyStore store = load(file, password);
        return covers(store, publicHost) ? Optional.of(new ServerTls(file, password, store)) : Optional.empty();
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static boolean covers(KeyStore store, String host) throws GeneralSecurityException {
        X509Certificate certificate = (X509Certificate) store.getCertificate("server");
        if (certificate == null
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
