package org.selfrenewal.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.selfrenewal.protocol.CredentialPurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development CA hierarchy in a directory: created on the server's first start, loaded on later
 * starts. Files, all protected by one password:
 *
 * <ul>
 *   <li>{@code root-ca.p12}, {@code authentication-ca.p12}, {@code signing-ca.p12}: key and chain
 *       (mode 0600);</li>
 *   <li>{@code root-ca.pem}, {@code authentication-ca.pem}, {@code signing-ca.pem}: the
 *       certificates for distribution (mode 0644).</li>
 * </ul>
 *
 * <p>All CA keys are RSA-3072, signatures SHA256withRSA. Every CA is valid from three years ago to
 * twenty years ahead. The backdating exists because a registration authority may issue a card whose
 * certificates were notionally issued up to two years ago: an end-entity certificate's validity must
 * lie inside its issuer's (the issuing CAs refuse anything else, and relying parties that validate
 * at a past time, e.g. when checking a signature made back then, need the chain to have been valid
 * at that time too), so the CAs must start before the earliest backdated certificate, with a year
 * to spare.
 *
 * <p>Creation is crash-safe: every file is written to a temporary file, flushed and renamed into
 * place, and {@code root-ca.p12} is renamed last. The hierarchy {@link #exists(Path) exists} only once
 * {@code root-ca.p12} is there, so an interrupted creation is simply redone on the next start (left
 * over files are overwritten).
 */
public final class DevelopmentHierarchy {

    /** Base name of the root CA's files. */
    public static final String ROOT_CA = "root-ca";
    /** O of every development distinguished name. */
    public static final String ORGANISATION = "Smartcard Self-Renewal (development)";
    /** C of every development distinguished name. */
    public static final String COUNTRY = "GB";
    /** RSA modulus length of the CA keys. */
    public static final int CA_KEY_BITS = 3072;
    /** How far back the CA certificates' validity starts. */
    public static final Period BACKDATING = Period.ofYears(3);
    /** How far ahead the CA certificates' validity ends. */
    public static final Period LIFETIME_AHEAD = Period.ofYears(20);

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentHierarchy.class);

    private DevelopmentHierarchy() {}

    /** Base name of an issuing CA's files, e.g. {@code authentication-ca}. */
    public static String issuingCaName(CredentialPurpose purpose) {
        return purpose.plainName() + "-ca";
    }

    /** The PKCS#12 file of a CA ({@code name} is {@link #ROOT_CA} or an {@link #issuingCaName}). */
    public static Path keyStoreFile(Path caDirectory, String name) {
        return caDirectory.resolve(name + ".p12");
    }

    /** The PEM certificate file of a CA, for distribution. */
    public static Path certificateFile(Path caDirectory, String name) {
        return caDirectory.resolve(name + ".pem");
    }

    /** Whether a complete hierarchy has been created in the directory. */
    public static boolean exists(Path caDirectory) {
        return Files.isRegularFile(keyStoreFile(caDirectory, ROOT_CA));
    }

    /**
     * Loads the hierarchy, creating it first if needed, with the password from
     * {@link DevelopmentPassword#loadOrCreate(Path)}.
     */
    public static CaHierarchy loadOrCreate(Path caDirectory) throws CaStoreException {
        char[] password = DevelopmentPassword.loadOrCreate(caDirectory);
        return loadOrCreate(caDirectory, password, Clock.systemUTC());
    }

    /** Loads the hierarchy, creating it first if the directory has none (system clock). */
    public static CaHierarchy loadOrCreate(Path caDirectory, char[] password) throws CaStoreException {
        return loadOrCreate(caDirectory, password, Clock.systemUTC());
    }

    /** Loads the hierarchy, creating it first if the directory has none. */
    public static CaHierarchy loadOrCreate(Path caDirectory, char[] password, Clock clock) throws CaStoreException {
        return exists(caDirectory) ? load(caDirectory, password, clock) : create(caDirectory, password, clock);
    }

    /**
     * Creates a new hierarchy.
     *
     * @throws CaStoreException if one already exists or the files cannot be written
     */
    public static CaHierarchy create(Path caDirectory, char[] password, Clock clock) throws CaStoreException {
        if (exists(caDirectory)) {
            throw new CaStoreException("A CA hierarchy already exists in " + caDirectory);
        }
        long started = System.nanoTime();
        SecureRandom random = new SecureRandom();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = now.atOffset(ZoneOffset.UTC).minus(BACKDATING).toInstant();
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plus(LIFETIME_AHEAD).toInstant();

        KeyPair rootKeys = generateKeyPair(random);
        X500Name rootName = distinguishedName("Self-Renewal Development Root CA");
        CaKey rootKey = CaKey.inMemory(rootKeys.getPrivate(), pkcs12Location(caDirectory, ROOT_CA));
        X509Certificate root = CertificateSigner.selfSigned(rootName, rootKey, random)
                .sign(
                        rootName,
                        spki(rootKeys.getPublic()),
                        notBefore,
                        notAfter,
                        caExtensions(new BasicConstraints(true)));

        CertificateSigner rootSigner = CertificateSigner.forIssuer(root, rootKey, random);
        Map<CredentialPurpose, KeyPair> issuingKeys = new EnumMap<>(CredentialPurpose.class);
        Map<CredentialPurpose, X509Certificate> issuingCertificates = new EnumMap<>(CredentialPurpose.class);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            KeyPair keys = generateKeyPair(random);
            X500Name name = distinguishedName("Self-Renewal Development " + capitalised(purpose.plainName()) + " CA");
            issuingKeys.put(purpose, keys);
            issuingCertificates.put(
                    purpose,
                    rootSigner.sign(
                            name, spki(keys.getPublic()), notBefore, notAfter, caExtensions(new BasicConstraints(0))));
        }

        write(caDirectory, password, root, rootKeys.getPrivate(), issuingKeys, issuingCertificates);
        LOG.info(
                "Created development CA hierarchy in {} ({} ms), root valid {} to {}",
                caDirectory,
                (System.nanoTime() - started) / 1_000_000,
                notBefore,
                notAfter);

        Map<CredentialPurpose, IssuingCa> issuers = new EnumMap<>(CredentialPurpose.class);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            issuers.put(
                    purpose,
                    new IssuingCa(
                            purpose,
                            List.of(issuingCertificates.get(purpose), root),
                            CaKey.inMemory(
                                    issuingKeys.get(purpose).getPrivate(),
                                    pkcs12Location(caDirectory, issuingCaName(purpose))),
                            random,
                            clock));
        }
        return new CaHierarchy(root, rootKey, issuers, random, clock);
    }

    /**
     * Loads an existing hierarchy and checks that it hangs together: the root is self-signed, each
     * issuing CA is signed by the root, and each private key belongs to its certificate.
     */
    public static CaHierarchy load(Path caDirectory, char[] password, Clock clock) throws CaStoreException {
        long started = System.nanoTime();
        SecureRandom random = new SecureRandom();
        Path rootFile = keyStoreFile(caDirectory, ROOT_CA);
        Map<CredentialPurpose, Path> issuingFiles = new EnumMap<>(CredentialPurpose.class);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            Path file = keyStoreFile(caDirectory, issuingCaName(purpose));
            if (!Files.exists(file)) {
                throw new CaStoreException("Incomplete CA hierarchy in " + caDirectory + ": " + file.getFileName()
                        + " is missing although " + rootFile.getFileName()
                        + " exists; restore it, or delete the directory to create a new hierarchy");
            }
            issuingFiles.put(purpose, file);
        }
        // Each key store costs three password derivations and a signature: read side by side, checked in order.
        try (ParallelReads reads = new ParallelReads()) {
            ParallelReads.Read rootRead = reads.start(rootFile, password);
            Map<CredentialPurpose, ParallelReads.Read> issuingReads = new EnumMap<>(CredentialPurpose.class);
            issuingFiles.forEach((purpose, file) -> issuingReads.put(purpose, reads.start(file, password)));

            Pkcs12Files.KeyAndChain root = rootRead.result();
            X509Certificate rootCertificate = root.certificate();
            checkSignedBy(rootCertificate, rootCertificate.getPublicKey(), rootFile, "the root itself");
            Map<CredentialPurpose, IssuingCa> issuers = new EnumMap<>(CredentialPurpose.class);
            for (CredentialPurpose purpose : CredentialPurpose.values()) {
                Path file = issuingFiles.get(purpose);
                Pkcs12Files.KeyAndChain issuing = issuingReads.get(purpose).result();
                checkSignedBy(issuing.certificate(), rootCertificate.getPublicKey(), file, "the root CA");
                issuers.put(
                        purpose,
                        new IssuingCa(
                                purpose,
                                List.of(issuing.certificate(), rootCertificate),
                                CaKey.inMemory(
                                        issuing.privateKey(), pkcs12Location(caDirectory, issuingCaName(purpose))),
                                random,
                                clock));
            }
            LOG.info("Loaded CA hierarchy from {} ({} ms)", caDirectory, (System.nanoTime() - started) / 1_000_000);
            return new CaHierarchy(
                    rootCertificate,
                    CaKey.inMemory(root.privateKey(), pkcs12Location(caDirectory, ROOT_CA)),
                    issuers,
                    random,
                    clock);
        }
    }

    /**
     * The CA key stores read side by side, each on its own thread: a read is the key store's password
     * derivations and the check that its private key belongs to its certificate. Closing stops what is left.
     */
    private static final class ParallelReads implements AutoCloseable {

        private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ca-key-store-read");
            thread.setDaemon(true);
            return thread;
        });

        /** One key store being read. */
        record Read(Path file, Future<Pkcs12Files.KeyAndChain> outcome) {

            Pkcs12Files.KeyAndChain result() throws CaStoreException {
                try {
                    return outcome.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CaStoreException("Interrupted while reading the CA key store " + file, e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CaStoreException problem) {
                        throw problem;
                    }
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new CaStoreException("Cannot read the CA key store " + file + ": " + e.getCause(), e);
                }
            }
        }

        Read start(Path file, char[] password) {
            return new Read(file, threads.submit(() -> {
                Pkcs12Files.KeyAndChain read = Pkcs12Files.read(file, password);
                checkKeyMatches(read.privateKey(), read.certificate().getPublicKey(), file);
                return read;
            }));
        }

        @Override
        public void close() {
            threads.shutdownNow();
        }
    }

    private static void write(
            Path caDirectory,
            char[] password,
            X509Certificate root,
            PrivateKey rootKey,
            Map<CredentialPurpose, KeyPair> issuingKeys,
            Map<CredentialPurpose, X509Certificate> issuingCertificates)
            throws CaStoreException {
        List<Path[]> moves = new ArrayList<>();
        try {
            AtomicFiles.createDirectories(caDirectory);
            AtomicFiles.deleteStaleTemporaries(caDirectory);
            // Order matters: root-ca.p12 last, because its presence means "the hierarchy exists".
            Map<Path, byte[]> pemFiles = new LinkedHashMap<>();
            pemFiles.put(certificateFile(caDirectory, ROOT_CA), pem(root));
            Map<Path, byte[]> keyStores = new LinkedHashMap<>();
            for (CredentialPurpose purpose : CredentialPurpose.values()) {
                String name = issuingCaName(purpose);
                X509Certificate certificate = issuingCertificates.get(purpose);
                pemFiles.put(certificateFile(caDirectory, name), pem(certificate));
                keyStores.put(
                        keyStoreFile(caDirectory, name),
                        Pkcs12Files.encode(
                                name, issuingKeys.get(purpose).getPrivate(), List.of(certificate, root), password));
            }
            keyStores.put(
                    keyStoreFile(caDirectory, ROOT_CA), Pkcs12Files.encode(ROOT_CA, rootKey, List.of(root), password));

            for (Map.Entry<Path, byte[]> file : pemFiles.entrySet()) {
                moves.add(new Path[] {
                    AtomicFiles.writeTemporary(caDirectory, AtomicFiles.fileName(file.getKey()), file.getValue(), true),
                    file.getKey()
                });
            }
            for (Map.Entry<Path, byte[]> file : keyStores.entrySet()) {
                moves.add(new Path[] {
                    AtomicFiles.writeTemporary(
                            caDirectory, AtomicFiles.fileName(file.getKey()), file.getValue(), false),
                    file.getKey()
                });
            }
            for (Path[] move : moves) {
                AtomicFiles.moveIntoPlace(move[0], move[1]);
            }
            AtomicFiles.syncDirectory(caDirectory);
        } catch (IOException | GeneralSecurityException e) {
            for (Path[] move : moves) {
                try {
                    Files.deleteIfExists(move[0]);
                } catch (IOException ignored) {
                    // best effort; stale temporaries are removed on the next attempt
                }
            }
            throw new CaStoreException("Cannot write the CA hierarchy to " + caDirectory + ": " + e.getMessage(), e);
        }
    }

    private static String pkcs12Location(Path caDirectory, String name) {
        return "PKCS#12 file " + keyStoreFile(caDirectory, name);
    }

    private static List<Extension> caExtensions(BasicConstraints basicConstraints) {
        return List.of(
                CertificateSigner.extension(Extension.basicConstraints, true, basicConstraints),
                CertificateSigner.extension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
    }

    private static X500Name distinguishedName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, COUNTRY)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static KeyPair generateKeyPair(SecureRandom random) throws CaStoreException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(CA_KEY_BITS, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CaStoreException("Cannot generate an RSA-" + CA_KEY_BITS + " key: " + e.getMessage(), e);
        }
    }

    private static SubjectPublicKeyInfo spki(PublicKey key) {
        return RsaKeyPolicy.toSubjectPublicKeyInfo(key);
    }

    private static byte[] pem(X509Certificate certificate) {
        return Pem.encode(certificate).getBytes(StandardCharsets.US_ASCII);
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static void checkSignedBy(X509Certificate certificate, PublicKey issuerKey, Path file, String issuer)
            throws CaStoreException {
        try {
            certificate.verify(issuerKey);
        } catch (GeneralSecurityException e) {
            throw new CaStoreException("The certificate in " + file + " is not signed by " + issuer, e);
        }
    }

    /**
     * The private key belongs to the certificate. For an RSA key (every development CA's): its modulus and public
     * exponent are the certificate's, the check OpenSSL's {@code X509_check_private_key} makes. A trial signature
     * per key cost a cold JVM's start about 0.06 s of CPU each; that each issuing CA's key really signs is shown
     * before the service is ready anyway, by the health check's signed and verified CRLs.
     */
    private static void checkKeyMatches(PrivateKey privateKey, PublicKey publicKey, Path file) throws CaStoreException {
        if (privateKey instanceof RSAPrivateCrtKey rsaPrivate && publicKey instanceof RSAPublicKey rsaPublic) {
            if (rsaPrivate.getModulus().equals(rsaPublic.getModulus())
                    && rsaPrivate.getPublicExponent().equals(rsaPublic.getPublicExponent())) {
                return;
            }
            throw new CaStoreException("The private key in " + file + " does not belong to its certificate");
        }
        try {
            byte[] probe = "selfrenewal CA key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(CertificateSigner.SIGNATURE_ALGORITHM);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(CertificateSigner.SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new CaStoreException("Cannot check the private key in " + file + ": " + e.getMessage(), e);
        }
        throw new CaStoreException("The private key in " + file + " does not belong to its certificate");
    }
}
