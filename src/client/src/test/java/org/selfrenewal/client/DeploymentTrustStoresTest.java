package org.selfrenewal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the client finds the TLS trust the deployment kit installed, and what it reads there. */
class DeploymentTrustStoresTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("the system store OpenWebStart reads on each OS, and IcedTea-Web's user-level store")
    void locations() {
        assertEquals(
                List.of(
                        Path.of("C:\\Windows\\Sun\\Java\\Deployment\\jssecacerts"),
                        Path.of("C:\\Users\\jane", ".config", "icedtea-web", "security", "trusted.jssecacerts")),
                DeploymentTrustStores.locations("Windows 11", "C:\\Users\\jane", null));
        assertEquals(
                List.of(
                        Path.of("/etc/.java/deployment/jssecacerts"),
                        Path.of("/home/jane/.xdg/icedtea-web/security/trusted.jssecacerts")),
                DeploymentTrustStores.locations("Linux", "/home/jane", "/home/jane/.xdg"));
    }

    @Test
    @DisplayName("reads the trusted certificates of the stores that exist, whatever their password")
    void readsTheKitsStore() throws Exception {
        Path keys = work.resolve("keys.p12");
        Path cer = work.resolve("root.cer");
        Path jks = work.resolve("jssecacerts");
        tool(
                "keytool",
                "-genkeypair",
                "-keystore",
                keys.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "secret1",
                "-alias",
                "root",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=Example TLS Root",
                "-validity",
                "30");
        tool(
                "keytool",
                "-exportcert",
                "-keystore",
                keys.toString(),
                "-storepass",
                "secret1",
                "-alias",
                "root",
                "-file",
                cer.toString());
        tool(
                "keytool",
                "-importcert",
                "-noprompt",
                "-keystore",
                jks.toString(),
                "-storetype",
                "JKS",
                "-storepass",
                "changeit",
                "-alias",
                "selfrenewal-tls-root",
                "-file",
                cer.toString());
        List<X509Certificate> found = DeploymentTrustStores.certificates(List.of(work.resolve("absent"), jks));
        assertEquals(1, found.size());
        assertEquals(
                "CN=Example TLS Root", found.get(0).getSubjectX500Principal().getName());
        assertTrue(DeploymentTrustStores.certificates(List.of(keys)).isEmpty(), "a key entry is not a trust anchor");
    }

    private static void tool(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", name).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
    }
}
