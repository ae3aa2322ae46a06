package org.selfrenewal.ca;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Reads and writes a development key and its certificate chain as a PKCS#12 file (readable by the JDK's
 * {@code PKCS12} key store and by OpenSSL 3). One key entry per file.
 *
 * <p>Written with Bouncy Castle's PKCS#12 builder rather than the JDK's key store, to choose the work factor: the
 * key is encrypted with PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC) and the file has a SHA-256 MAC, each over
 * {@value #ITERATIONS} iterations, and the public certificates are not encrypted. The JDK's defaults (10,000
 * iterations for the key, the certificates and the MAC) made every server start derive 12 keys, most of its
 * start-up time (issue 10). The password these files are written with is the development password, 192 random bits
 * kept beside them ({@link DevelopmentPassword}): guessing it is hopeless at any iteration count, and whoever can
 * read the files can read it, so the count protects nothing here. Files written by earlier versions read as before.
 */
public final class Pkcs12Files {

    /** PBKDF2 and MAC iterations of the files written here (see the class comment for why so few suffice). */
    static final int ITERATIONS = 1_000;

    /**
     * Bouncy Castle's provider, not registered: PKCS#12's SHA-256 MAC is not in the JDK's providers by that name.
     * Made when a file is first written, not when one is read: making it costs a cold JVM about 0.16 s of CPU,
     * which every server start paid while the CA's key stores were read.
     */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /** A private key and its certificate chain, the key's own certificate first. */
    record KeyAndChain(PrivateKey privateKey, List<X509Certificate> chain) {
        X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private Pkcs12Files() {}

    /**
     * The PKCS#12 file of {@code privateKey} under {@code alias} with its chain (its own certificate first), protected
     * by {@code password}, which must be a development password (random, kept beside the file).
     */
    public static byte[] encode(String alias, PrivateKey privateKey, List<X509Certificate> chain, char[] password)
            throws GeneralSecurityException, IOException {
        try {
            byte[] localKeyId =
                    MessageDigest.getInstance("SHA-256").digest(chain.get(0).getEncoded());
            OutputEncryptor keyEncryptor = new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                    .setIterationCount(ITERATIONS)
                    .setProvider(BouncyCastle.PROVIDER)
                    .build(password);
            PKCS12SafeBagBuilder key = new JcaPKCS12SafeBagBuilder(privateKey, keyEncryptor);
            key.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
            key.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
            List<PKCS12SafeBag> certificates = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder certificate = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    certificate.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                    certificate.addBagAttribute(
                            PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
                }
                certificates.add(certificate.build());
            }
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addData(key.build());
            for (PKCS12SafeBag certificate : certificates) {
                pfx.addData(certificate);
            }
            return pfx.build(
                            new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
                                    .setIterationCount(ITERATIONS)
                                    .setProvider(BouncyCastle.PROVIDER),
                            password)
                    .getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | PKCSException e) {
            throw new GeneralSecurityException("cannot write the PKCS#12 file of " + alias + ": " + e.getMessage(), e);
        }
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
