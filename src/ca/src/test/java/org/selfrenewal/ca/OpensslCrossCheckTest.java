package org.selfrenewal.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * Independent cross-check with the OpenSSL command line: chains verify, key usage reads as intended,
 * and the PKCS#12 files open with the generated password. Skipped when openssl is not installed.
 */
class OpensslCrossCheckTest {

    @TempDir
    static Path caDirectory;

    @TempDir
    Path work;

    static CaHierarchy hierarchy;
    static String password;

    @BeforeAll
    static void createHierarchy() throws Exception {
        assumeTrue(opensslAvailable(), "openssl is not on the PATH");
        hierarchy = DevelopmentHierarchy.loadOrCreate(caDirectory);
        password = Files.readString(DevelopmentPassword.file(caDirectory)).strip();
    }

    @Test
    void authenticationCertificateVerifiesAsTlsClient() throws Exception {
        Path leaf = writeLeaf(CredentialPurpose.AUTHENTICATION);

        assertVerifies(leaf, "authentication-ca.pem");
        assertVerifies(leaf, "authentication-ca.pem", "-purpose", "sslclient");

        String text = openssl("x509", "-in", leaf.toString(), "-noout", "-text").output;
        assertEquals("critical: Digital Signature, Key Encipherment", extension(text, "X509v3 Key Usage"));
        assertEquals("TLS Web Client Authentication", extension(text, "X509v3 Extended Key Usage"));
        assertEquals("critical: CA:FALSE", extension(text, "X509v3 Basic Constraints"));
        assertTrue(
                text.contains("Subject: O = nhs, OU = People, serialNumber = 555123456789, CN = Jane Example"), text);
    }

    @Test
    void signingCertificateVerifiesButIsNoTlsClientCertificate() throws Exception {
        Path leaf = writeLeaf(CredentialPurpose.SIGNING);

        assertVerifies(leaf, "signing-ca.pem");
        Result asTlsClient = openssl(
                "verify",
                "-CAfile",
                caFile("root-ca.pem"),
                "-untrusted",
                caFile("signing-ca.pem"),
                "-purpose",
                "sslclient",
                leaf.toString());
        assertTrue(
                asTlsClient.exitCode != 0 && asTlsClient.output.contains("unsuitable certificate purpose"),
                asTlsClient.output);

        String text = openssl("x509", "-in", leaf.toString(), "-noout", "-text").output;
        assertEquals("critical: Digital Signature, Non Repudiation", extension(text, "X509v3 Key Usage"));
        String eku = extension(text, "X509v3 Extended Key Usage");
        assertTrue(eku.equals("1.3.6.1.5.5.7.3.36") || eku.equals("Document Signing"), eku);
    }

    @Test
    void signingChainDoesNotVerifyAgainstTheAuthenticationCa() throws Exception {
        Path leaf = writeLeaf(CredentialPurpose.SIGNING);

        Result result = openssl(
                "verify",
                "-CAfile",
                caFile("root-ca.pem"),
                "-untrusted",
                caFile("authentication-ca.pem"),
                leaf.toString());
        assertTrue(result.exitCode != 0 && !result.output.contains(leaf + ": OK"), result.output);
    }

    @Test
    void tlsServerCertificateVerifiesAsSslServer() throws Exception {
        X509Certificate certificate = hierarchy.issueTlsServerCertificate(
                TestCertificates.rsa2048("server"), List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(90));
        Path leaf = work.resolve("tls.pem");
        Files.writeString(leaf, Pem.encode(certificate));

        Result result = openssl("verify", "-CAfile", caFile("root-ca.pem"), "-purpose", "sslserver", leaf.toString());
        assertEquals(leaf + ": OK", result.output.strip());

        String text = openssl("x509", "-in", leaf.toString(), "-noout", "-text").output;
        assertEquals("critical: Digital Signature, Key Encipherment", extension(text, "X509v3 Key Usage"));
        assertEquals("TLS Web Server Authentication", extension(text, "X509v3 Extended Key Usage"));
        assertEquals("DNS:localhost, IP Address:127.0.0.1", extension(text, "X509v3 Subject Alternative Name"));
    }

    @Test
    void ecdsaTlsServerCertificateVerifiesAsSslServer() throws Exception {
        X509Certificate certificate = hierarchy.issueTlsServerCertificate(
                TestCertificates.keyPair("EC", 256, "server"), List.of("localhost"), List.of(), Duration.ofDays(90));
        Path leaf = work.resolve("tls-ec.pem");
        Files.writeString(leaf, Pem.encode(certificate));

        Result result = openssl("verify", "-CAfile", caFile("root-ca.pem"), "-purpose", "sslserver", leaf.toString());
        assertEquals(leaf + ": OK", result.output.strip());

        String text = openssl("x509", "-in", leaf.toString(), "-noout", "-text").output;
        assertTrue(text.contains("ASN1 OID: prime256v1"), text);
        assertEquals("critical: Digital Signature", extension(text, "X509v3 Key Usage"));
    }

    @Test
    void pkcs12FilesOpenWithThePassword() throws Exception {
        for (String name : List.of("root-ca", "authentication-ca", "signing-ca")) {
            String p12 = caFile(name + ".p12");
            Result certificates = openssl("pkcs12", "-in", p12, "-nokeys", "-passin", "pass:" + password);
            assertEquals(0, certificates.exitCode, certificates.output);
            assertTrue(certificates.output.contains("-----BEGIN CERTIFICATE-----"), certificates.output);
            assertTrue(certificates.output.contains("Self-Renewal Development"), certificates.output);

            Result key = openssl("pkcs12", "-in", p12, "-nocerts", "-noenc", "-passin", "pass:" + password);
            assertEquals(0, key.exitCode, key.output);
            assertTrue(key.output.contains("-----BEGIN PRIVATE KEY-----"), name);

            Result wrong = openssl("pkcs12", "-in", p12, "-nokeys", "-passin", "pass:wrong");
            assertTrue(wrong.exitCode != 0, "wrong password must fail for " + name);
        }
    }

    private Path writeLeaf(CredentialPurpose purpose) throws Exception {
        X509Certificate certificate = hierarchy.issue(IssueRequest.forPurpose(purpose)
                .subject(TestCertificates.cardHolderName("Jane Example"))
                .publicKey(TestCertificates.rsa2048("card").getPublic()));
        Path leaf = work.resolve(purpose.plainName() + "-leaf.pem");
        Files.writeString(leaf, Pem.encode(certificate));
        return leaf;
    }

    private void assertVerifies(Path leaf, String issuingCaPem, String... options) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("verify", "-CAfile", caFile("root-ca.pem"), "-untrusted", caFile(issuingCaPem)));
        command.addAll(List.of(options));
        command.add(leaf.toString());
        Result result = openssl(command.toArray(new String[0]));
        assertEquals(leaf + ": OK", result.output.strip());
        assertEquals(0, result.exitCode);
    }

    private static String caFile(String name) {
        return caDirectory.resolve(name).toString();
    }

    /** "critical: value" or "value" of an extension in {@code openssl x509 -text} output. */
    private static String extension(String text, String name) {
        Matcher matcher = Pattern.compile(Pattern.quote(name) + ":( critical)?\\s*\\n\\s*(.*)")
                .matcher(text);
        assertTrue(matcher.find(), name + " not in\n" + text);
        return (matcher.group(1) != null ? "critical: " : "") + matcher.group(2).strip();
    }

    private record Result(int exitCode, String output) {}

    private static Result openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl finished");
        return new Result(process.exitValue(), output);
    }

    private static boolean opensslAvailable() {
        try {
            Process process = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
