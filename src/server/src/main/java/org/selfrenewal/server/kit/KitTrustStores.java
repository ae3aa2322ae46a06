package org.selfrenewal.server.kit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * The two trust stores of the kit, in the format IcedTea-Web and OpenWebStart read (JKS, password
 * {@value #PASSWORD}, as their own stores): {@code trusted.certs} with the jar signer, so the signed client
 * starts without a prompt, and {@code jssecacerts} with the service's TLS root, so the JNLP and jars download
 * over HTTPS from the service.
 */
final class KitTrustStores {

    static final String PASSWORD = "changeit";
    static final String TRUSTED_CERTS = "trusted.certs";
    static final String JSSECACERTS = "jssecacerts";

    private KitTrustStores() {}

    static void write(Path directory, KitInputs inputs) throws IOException, GeneralSecurityException {
        store(directory.resolve(TRUSTED_CERTS), "selfrenewal-signer", inputs.signer());
        store(directory.resolve(JSSECACERTS), "selfrenewal-tls-root", inputs.tlsRoot());
    }

    private static void store(Path file, String alias, X509Certificate certificate)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        store.setCertificateEntry(alias, certificate);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }
}
