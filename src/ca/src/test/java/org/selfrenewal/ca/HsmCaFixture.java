package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * A trust's existing CA, as {@code ca import} finds it: an "HSM" (a SoftHSM2 token made with
 * {@code softhsm2-util}) holding the issuing CAs' RSA keys (made on the token by OpenSC's
 * {@code pkcs11-tool}), and the CA certificates made by OpenSSL from a root whose key stays outside.
 * Everything is made by the real tools in subprocesses, so this JVM sees the token when it first
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
        need(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
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
            fixture.run(
                    "openssl",
                    "pkey",
                    "-pubin",
                    "-inform",
                    "DER",
                    "-in",
                    directory.resolve(key + ".der").toString(),
                    "-out",
                    directory.resolve(key + ".pub.pem").toString());
        }
        Files.writeString(
                directory.resolve("ca.ext"),
                "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
                        + "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        fixture.run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "root.key",
                "-subj",
                "/C=GB/O=Example NHS Trust/CN=Example Trust Root CA",
                "-days",
                "3650",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-out",
                "root.pem");
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            fixture.issuingCertificate(
                    purpose.plainName(), keyLabel(purpose), purpose.name().toLowerCase() + "-ca.pem");
        }
        fixture.issuingCertificate("stray", STRAY_KEY, "stray-ca.pem");
        return fixture;
    }

    /** Like {@link #create(Path, Path)} with the configuration {@code directory/softhsm2.conf}. */
    public static HsmCaFixture create(Path directory) throws Exception {
        return create(directory, directory.resolve("softhsm2.conf"));
    }

    public static String keyLabel(CredentialPurpose purpose) {
        return purpose.name().toLowerCase() + "-ca-key";
    }

    private void issuingCertificate(String name, String key, String out) throws Exception {
        run(
                "openssl",
                "x509",
                "-new",
                "-subj",
                "/C=GB/O=Example NHS Trust/CN=Example Trust " + name + " CA",
                "-force_pubkey",
                key + ".pub.pem",
                "-CA",
                "root.pem",
                "-CAkey",
                "root.key",
                "-days",
                "3000",
                "-extfile",
                "ca.ext",
                "-out",
                out);
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
