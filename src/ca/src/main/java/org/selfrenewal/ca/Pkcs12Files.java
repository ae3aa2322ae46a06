package org.selfrenewal.ca;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads and writes a CA's key and certificate chain as a PKCS#12 file with the JDK's default
 * PKCS12 algorithms (readable by OpenSSL 3). One key entry per file.
 */
final class Pkcs12Files {

    /** A private key and its certificate chain, the key's own certificate first. */
    record KeyAndChain(PrivateKey privateKey, List<X509Certificate> chain) {
        X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private Pkcs12Files() {}

    static byte[] encode(String alias, PrivateKey privateKey, List<X509Certificate> chain, char[] password)
            throws GeneralSecurityException, IOException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(alias, privateKey, password, chain.toArray(new X509Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keyStore.store(out, password);
        return out.toByteArray();
    }

    static KeyAndChain read(Path file, char[] password) throws CaStoreException {
        KeyStore keyStore;
        try (InputStream in = Files.newInputStream(file)) {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
        } catch (NoSuchFileException e) {
            throw new CaStoreException("CA key store " + file + " is missing", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new CaStoreException(
                    "Cannot open CA key store " + file + ": wrong password or damaged file (" + e.getMessage() + ")",
                    e);
        }
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (!keyStore.isKeyEntry(alias)) {
                    continue;
                }
                Key key = keyStore.getKey(alias, password);
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
                    continue;
                }
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate certificate : chain) {
                    certificates.add((X509Certificate) certificate);
                }
                return new KeyAndChain((PrivateKey) key, List.copyOf(certificates));
            }
        } catch (GeneralSecurityException e) {
            throw new CaStoreException("Cannot read the private key in " + file + ": " + e.getMessage(), e);
        }
        throw new CaStoreException("CA key store " + file + " contains no private key with a certificate");
    }
}
