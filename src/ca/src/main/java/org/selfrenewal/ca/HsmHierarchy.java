package org.selfrenewal.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfrenewal.protocol.CredentialPurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An existing CA hierarchy whose issuing CAs' keys live on an HSM (a PKCS#11 token): the certificates are
 * imported from files ({@code ca import}), the keys never leave the token and the root's key is not
 * needed (it stays offline). Files in the CA directory:
 *
 * <ul>
 *   <li>{@code authentication-ca-chain.pem}, {@code signing-ca-chain.pem}: each issuing CA's certificate
 *       followed by the chain up to and including the root (mode 0644);</li>
 *   <li>{@code root-ca.pem}: the root, for distribution (mode 0644);</li>
 *   <li>{@code hsm-ca.properties}: the {@link HsmSettings} (written last: its presence means "imported").</li>
 * </ul>
 */
public final class HsmHierarchy {

    /** The settings file; the CA directory holds an imported hierarchy when it exists. */
    public static final String SETTINGS_FILE = "hsm-ca.properties";

    private static final Logger LOG = LoggerFactory.getLogger(HsmHierarchy.class);

    private HsmHierarchy() {}

    /** Whether {@code caDirectory} holds an imported hierarchy with HSM keys. */
    public static boolean configured(Path caDirectory) {
        return Files.isRegularFile(caDirectory.resolve(SETTINGS_FILE));
    }

    /** The file holding an issuing CA's imported chain. */
    public static Path chainFile(Path caDirectory, CredentialPurpose purpose) {
        return caDirectory.resolve(DevelopmentHierarchy.issuingCaName(purpose) + "-chain.pem");
    }

    /**
     * Imports the issuing CAs' certificate chains and binds them to their HSM keys: each chain must run
     * from the issuing CA's certificate up to a self-signed root (both chains the same root), each issuing
     * certificate must be a CA certificate valid now, and each HSM key must be the one its certificate
     * names (checked by a test signature on the token). Nothing is written unless everything holds.
     *
     * @throws CaStoreException naming what does not hold
     */
    public static CaHierarchy importChains(
            Path caDirectory, HsmSettings settings, Map<CredentialPurpose, Path> chainFiles, Clock clock)
            throws CaStoreException {
        if (DevelopmentHierarchy.exists(caDirectory)) {
            throw new CaStoreException(caDirectory + " holds the development CA (" + DevelopmentHierarchy.ROOT_CA
                    + ".p12): import into a new --data-dir, so that cards issued by the development CA are not "
                    + "mixed with the trust's");
        }
        Map<CredentialPurpose, List<X509Certificate>> chains = new EnumMap<>(CredentialPurpose.class);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            Path file = chainFiles.get(purpose);
            if (file == null) {
                throw new CaStoreException("No certificate chain for the " + purpose.plainName() + " CA");
            }
            chains.put(purpose, checkedChain(readChain(file), file.toString(), purpose, clock.instant()));
        }
        X509Certificate root = sameRoot(chains);
        CaHierarchy hierarchy = bind(settings, chains, root, clock);
        write(caDirectory, settings, chains, root);
        LOG.info(
                "Imported CA hierarchy under '{}' with issuing CA keys on HSM token '{}'",
                root.getSubjectX500Principal().getName(),
                settings.tokenLabel());
        return hierarchy;
    }

    /** Loads an imported hierarchy: reads the chains, logs in to the HSM and checks every key. */
    public static CaHierarchy load(Path caDirectory, Clock clock) throws CaStoreException {
        long started = System.nanoTime();
        HsmSettings settings = HsmSettings.read(caDirectory.resolve(SETTINGS_FILE));
        Map<CredentialPurpose, List<X509Certificate>> chains = readImportedChains(caDirectory);
        CaHierarchy hierarchy = bind(settings, chains, sameRoot(chains), clock);
        LOG.info(
                "Loaded the imported CA hierarchy from {} with keys on HSM token '{}' ({} ms)",
                caDirectory,
                settings.tokenLabel(),
                (System.nanoTime() - started) / 1_000_000);
        return hierarchy;
    }

    /**
     * The status of every CA of an imported hierarchy. Unlike {@link #load(Path, Clock)} it does not stop
     * at the first key that fails: each CA says what is wrong with its key.
     */
    public static List<CaStatus> status(Path caDirectory) throws CaStoreException {
        HsmSettings settings = HsmSettings.read(caDirectory.resolve(SETTINGS_FILE));
        Map<CredentialPurpose, List<X509Certificate>> chains = readImportedChains(caDirectory);
        X509Certificate root = sameRoot(chains);
        List<CaStatus> all = new ArrayList<>();
        all.add(CaStatus.notHeld("root CA", root, "kept offline; only its certificate was imported"));
        HsmToken token = null;
        String tokenProblem = null;
        try {
            token = HsmToken.open(settings);
        } catch (CaStoreException e) {
            tokenProblem = e.getMessage();
        }
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            X509Certificate certificate = chains.get(purpose).get(0);
            String name = purpose.plainName() + " CA";
            String location = "PKCS#11 key '" + settings.keyLabel(purpose) + "' on token '" + settings.tokenLabel()
                    + "' (" + settings.library() + ")";
            if (token == null) {
                all.add(CaStatus.failing(name, certificate, location, tokenProblem));
                continue;
            }
            try {
                all.add(CaStatus.of(
                        name, certificate, token.key(settings.keyLabel(purpose), certificate.getPublicKey(), name)));
            } catch (CaStoreException e) {
                all.add(CaStatus.failing(name, certificate, location, e.getMessage()));
            }
        }
        return List.copyOf(all);
    }

    private static CaHierarchy bind(
            HsmSettings settings,
            Map<CredentialPurpose, List<X509Certificate>> chains,
            X509Certificate root,
            Clock clock)
            throws CaStoreException {
        HsmToken token = HsmToken.open(settings);
        SecureRandom random = new SecureRandom();
        Map<CredentialPurpose, IssuingCa> issuers = new EnumMap<>(CredentialPurpose.class);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            List<X509Certificate> chain = chains.get(purpose);
            CaKey key = token.key(settings.keyLabel(purpose), chain.get(0).getPublicKey(), purpose.plainName() + " CA");
            issuers.put(purpose, new IssuingCa(purpose, chain, key, random, clock));
        }
        return new CaHierarchy(root, null, issuers, random, clock);
    }

    private static Map<CredentialPurpose, List<X509Certificate>> readImportedChains(Path caDirectory)
            throws CaStoreException {
        Map<CredentialPurpose, List<X509Certificate>> chains = new EnumMap<>(CredentialPurpose.class);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            Path file = chainFile(caDirectory, purpose);
            chains.put(purpose, readChain(file));
        }
        return chains;
    }

    private static List<X509Certificate> readChain(Path file) throws CaStoreException {
        try {
            List<X509Certificate> chain = Pem.readCertificates(file);
            if (chain.isEmpty()) {
                throw new CaStoreException(file + " holds no PEM certificate");
            }
            return chain;
        } catch (IOException e) {
            throw new CaStoreException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new CaStoreException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    /** The chain's own rules: issuing CA first, each signed by the next, ending at a self-signed root. */
    static List<X509Certificate> checkedChain(
            List<X509Certificate> chain, String where, CredentialPurpose purpose, Instant now) throws CaStoreException {
        String name = "the " + purpose.plainName() + " CA";
        if (chain.size() < 2) {
            throw new CaStoreException(where + " holds only one certificate: give " + name
                    + "'s certificate followed by the chain up to and including the root");
        }
        X509Certificate issuing = chain.get(0);
        if (issuing.getBasicConstraints() < 0) {
            throw new CaStoreException(where + ": the first certificate ("
                    + issuing.getSubjectX500Principal().getName() + ") is not a CA certificate (basicConstraints)");
        }
        boolean[] keyUsage = issuing.getKeyUsage();
        if (keyUsage != null && (keyUsage.length < 6 || !keyUsage[5])) {
            throw new CaStoreException(
                    where + ": " + name + "'s certificate may not sign certificates (keyUsage " + "lacks keyCertSign)");
        }
        if (!(issuing.getPublicKey() instanceof RSAPublicKey)) {
            throw new CaStoreException(where + ": " + name + "'s key is not RSA (this service signs SHA256withRSA)");
        }
        if (now.isAfter(issuing.getNotAfter().toInstant())) {
            throw new CaStoreException(where + ": " + name + "'s certificate expired on "
                    + issuing.getNotAfter().toInstant());
        }
        if (now.isBefore(issuing.getNotBefore().toInstant())) {
            throw new CaStoreException(where + ": " + name + "'s certificate is not valid before "
                    + issuing.getNotBefore().toInstant());
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate parent = chain.get(i + 1);
            if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
                throw new CaStoreException(where + ": certificate " + (i + 1) + " ("
                        + child.getSubjectX500Principal().getName() + ") is issued by '"
                        + child.getIssuerX500Principal().getName() + "', but the next certificate is '"
                        + parent.getSubjectX500Principal().getName() + "': put the chain in order, issuing CA first");
            }
            try {
                child.verify(parent.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CaStoreException(where + ": the signature on '"
                        + child.getSubjectX500Principal().getName() + "' does not verify with the key of '"
                        + parent.getSubjectX500Principal().getName() + "'");
            }
        }
        X509Certificate root = chain.get(chain.size() - 1);
        try {
            if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal())) {
                throw new GeneralSecurityException("not self-issued");
            }
            root.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CaStoreException(where + ": the chain does not end at a self-signed root ('"
                    + root.getSubjectX500Principal().getName() + "' is issued by '"
                    + root.getIssuerX500Principal().getName() + "'): add the certificates up to the root");
        }
        return List.copyOf(chain);
    }

    private static X509Certificate sameRoot(Map<CredentialPurpose, List<X509Certificate>> chains)
            throws CaStoreException {
        X509Certificate root = null;
        for (List<X509Certificate> chain : chains.values()) {
            X509Certificate last = chain.get(chain.size() - 1);
            if (root != null && !root.equals(last)) {
                throw new CaStoreException("The issuing CAs' chains end at different roots ('"
                        + root.getSubjectX500Principal().getName() + "' and '"
                        + last.getSubjectX500Principal().getName() + "'): both must chain to the one root card "
                        + "holders' relying parties trust");
            }
            root = last;
        }
        return root;
    }

    private static void write(
            Path caDirectory,
            HsmSettings settings,
            Map<CredentialPurpose, List<X509Certificate>> chains,
            X509Certificate root)
            throws CaStoreException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            files.put(
                    chainFile(caDirectory, purpose),
                    Pem.encode(chains.get(purpose)).getBytes(StandardCharsets.US_ASCII));
        }
        files.put(
                DevelopmentHierarchy.certificateFile(caDirectory, DevelopmentHierarchy.ROOT_CA),
                Pem.encode(root).getBytes(StandardCharsets.US_ASCII));
        files.put(caDirectory.resolve(SETTINGS_FILE), settings.encode());
        try {
            AtomicFiles.createDirectories(caDirectory);
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                AtomicFiles.write(file.getKey(), file.getValue(), true);
            }
            AtomicFiles.syncDirectory(caDirectory);
        } catch (IOException e) {
            throw new CaStoreException("Cannot write the imported CA to " + caDirectory + ": " + e.getMessage(), e);
        }
    }
}
