package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * A trust's existing CA, as {@code ca import} finds it: an "HSM" (a SoftHSM2 token made with
 * {@code softhsm2-util}) holding the issuing CAs' RSA keys (made on the token by OpenSC's
 * {@code pkcs11-tool}), and the CA certificates for those keys (Bouncy Castle, backdated three years) from
 * a root whose key stays outside.
 * The token and its keys are made by the real tools in subprocesses, so this JVM sees the token when it first
 * loads SoftHSM2 (it reads {@code SOFTHSM2_CONF} once).
 */
public final class HsmCaFixture {

    public static final Path SOFTHSM2_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String TOKEN_LABEL = "TRUST-CA-HSM";
    public static final String PIN = "86420135";
    /** A key on the token that belongs to no imported certificate. */
    public static final String STRAY_KEY = "stray-key";

    private final Path directory;
    private final Path config;

    private HsmCaFixture(Path directory, Path config) {
        this.directory = directory;
        this.config = config;
    }

    /**
     * Makes the token, its keys and the certificates in {@code directory}, with the SoftHSM2 configuration
     * {@code config} (written if missing, its tokens under {@code directory/tokens}).
     */
    public static HsmCaFixture create(Path directory, Path config) throws Exception {
        need(Files.isRegularFile(SOFTHSM2_LIBRARY), "SoftHSM2 is not installed (apt-get install -y softhsm2)");
        need(Files.isExecutable(Path.of("/usr/bin/pkcs11-tool")), "OpenSC pkcs11-tool is not installed");
        Files.createDirectories(directory);
        if (!Files.exists(config)) {
            Path tokens = Files.createDirectories(directory.resolve("tokens"));
            Files.createDirectories(config.getParent());
            Files.writeString(
                    config, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        }
        HsmCaFixture fixture = new HsmCaFixture(directory, config);
        fixture.run(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                TOKEN_LABEL,
                "--pin",
                PIN,
                "--so-pin",
                "13572468");
        List<String> keys =
                List.of(keyLabel(CredentialPurpose.AUTHENTICATION), keyLabel(CredentialPurpose.SIGNING), STRAY_KEY);
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            fixture.run(
                    "pkcs11-tool",
                    "--module",
                    SOFTHSM2_LIBRARY.toString(),
                    "--token-label",
                    TOKEN_LABEL,
                    "--login",
                    "--pin",
                    PIN,
                    "--keypairgen",
                    "--key-type",
                    "rsa:2048",
                    "--label",
                    key,
                    "--id",
                    "a" + (i + 1));
            fixture.run(
                    "pkcs11-tool",
                    "--module",
                    SOFTHSM2_LIBRARY.toString(),
                    "--token-label",
                    TOKEN_LABEL,
                    "--read-object",
                    "--type",
                    "pubkey",
                    "--label",
                    key,
                    "-o",
                    directory.resolve(key + ".der").toString());
        }
        fixture.makeCertificates();
        return fixture;
    }

    /** Like {@link #create(Path, Path)} with the configuration {@code directory/softhsm2.conf}. */
    public static HsmCaFixture create(Path directory) throws Exception {
        return create(directory, directory.resolve("softhsm2.conf"));
    }

    public static String keyLabel(CredentialPurpose purpose) {
        return purpose.name().toLowerCase() + "-ca-key";
    }

    /**
     * The root (its key stays in this process, as a trust's offline root) and the issuing CA certificates for
     * the token's public keys, as the trust's CA would have made them: backdated three years, so that cards
     * notionally issued up to two years ago fit inside them.
     */
    private void makeCertificates() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair root = generator.generateKeyPair();
        Instant notBefore = Instant.now().minus(Duration.ofDays(3 * 366));
        Instant notAfter = Instant.now().plus(Duration.ofDays(15 * 366));
        X500Name rootName = new X500Name("C=GB,O=Example NHS Trust,CN=Example Trust Root CA");
        SubjectPublicKeyInfo rootKey =
                SubjectPublicKeyInfo.getInstance(root.getPublic().getEncoded());
        Files.writeString(
                rootPem(), Pem.encode(caCertificate(rootName, rootName, rootKey, root, notBefore, notAfter, -1)));
        Map<String, String> certificates = new LinkedHashMap<>();
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            certificates.put(keyLabel(purpose), purpose.name().toLowerCase() + "-ca.pem");
        }
        certificates.put(STRAY_KEY, "stray-ca.pem");
        for (Map.Entry<String, String> one : certificates.entrySet()) {
            SubjectPublicKeyInfo publicKey =
                    SubjectPublicKeyInfo.getInstance(Files.readAllBytes(directory.resolve(one.getKey() + ".der")));
            X500Name subject = new X500Name("C=GB,O=Example NHS Trust,CN=Example Trust " + one.getKey());
            Files.writeString(
                    directory.resolve(one.getValue()),
                    Pem.encode(caCertificate(subject, rootName, publicKey, root, notBefore, notAfter, 0)));
        }
    }

    private static X509Certificate caCertificate(
            X500Name subject,
            X500Name issuer,
            SubjectPublicKeyInfo publicKey,
            KeyPair issuerKeys,
            Instant notBefore,
            Instant notAfter,
            int pathLength)
            throws Exception {
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                issuer,
                new BigInteger(64, new SecureRandom()).setBit(62),
                Date.from(notBefore),
                Date.from(notAfter),
                subject,
                publicKey);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(
                Extension.basicConstraints,
                true,
                pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
        builder.addExtension(
                Extension.authorityKeyIdentifier,
                false,
                extensions.createAuthorityKeyIdentifier(
                        SubjectPublicKeyInfo.getInstance(issuerKeys.getPublic().getEncoded())));
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    /** The issuing CA's certificate followed by the root: what {@code ca import} takes. */
    public Path chain(CredentialPurpose purpose) throws IOException {
        return chainOf(purpose.name().toLowerCase() + "-ca.pem");
    }

    /** A CA certificate (with the root) whose key is {@link #STRAY_KEY}. */
    public Path strayChain() throws IOException {
        return chainOf("stray-ca.pem");
    }

    /** The issuing CA's certificate alone, without the root. */
    public Path certificateOnly(CredentialPurpose purpose) {
        return directory.resolve(purpose.name().toLowerCase() + "-ca.pem");
    }

    public Map<CredentialPurpose, Path> chains() throws IOException {
        Map<CredentialPurpose, Path> chains = new EnumMap<>(CredentialPurpose.class);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            chains.put(purpose, chain(purpose));
        }
        return chains;
    }

    public Path rootPem() {
        return directory.resolve("root.pem");
    }

    /** A file holding the PIN (its first line). */
    public Path pinFile() throws IOException {
        Path file = directory.resolve("hsm.pin");
        Files.writeString(file, PIN + "\n");
        return file;
    }

    public Path config() {
        return config;
    }

    /** Settings naming this token's keys, the PIN from {@code pin}. */
    public HsmSettings settings(PinSource pin) {
        Map<CredentialPurpose, String> labels = new EnumMap<>(CredentialPurpose.class);
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            labels.put(purpose, keyLabel(purpose));
        }
        return new HsmSettings(SOFTHSM2_LIBRARY, TOKEN_LABEL, pin, labels);
    }

    private Path chainOf(String certificate) throws IOException {
        Path chain = directory.resolve(certificate.replace(".pem", "-chain.pem"));
        Files.writeString(
                chain,
                Files.readString(directory.resolve(certificate)) + Files.readString(rootPem()),
                StandardCharsets.US_ASCII);
        return chain;
    }

    private void run(String... command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", config.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    /** Skips without the tool, or fails under -Dselfrenewal.requireTools=true (as every tool-needing test). */
    static void need(boolean present, String whatIsMissing) {
        if (Boolean.getBoolean("selfrenewal.requireTools")) {
            assertTrue(present, whatIsMissing + " (selfrenewal.requireTools=true)");
        } else {
            assumeTrue(present, whatIsMissing);
        }
    }
}
