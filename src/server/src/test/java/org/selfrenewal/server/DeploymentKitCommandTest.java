package org.selfrenewal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.launch.JarReference;
import org.selfrenewal.launch.LaunchSiteConfig;

/** deployment-kit writes, from the service's configuration, what trust IT rolls out; refuses what it cannot. */
class DeploymentKitCommandTest {

    private static final String JAR = "selfrenewal-client-0.1.0-SNAPSHOT.jar";

    @TempDir
    Path work;

    @Test
    @DisplayName(
            "the kit: OpenWebStart settings with both trust stores, every key locked, browser policies, logon task")
    void writesTheKit() throws Exception {
        Path data = work.resolve("data");
        DevelopmentHierarchy.loadOrCreate(Files.createDirectories(data.resolve("ca")));
        Path jars = signedJarDirectory();
        Path kit = work.resolve("kit");
        Run run = run(
                "deployment-kit",
                "--out",
                kit.toString(),
                "--data-dir",
                data.toString(),
                "--public-url",
                "https://uim.example.nhs.uk",
                "--jar-dir",
                jars.toString());
        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(run.out.startsWith("Deployment kit for https://uim.example.nhs.uk written to "), run.out);

        Path windows = kit.resolve("openwebstart/windows");
        for (String config : List.of("deployment.config", "itw-deployment.config")) {
            Properties properties = load(windows.resolve(config));
            assertEquals(
                    "file:///C:/Windows/Sun/Java/Deployment/deployment.properties",
                    properties.getProperty("deployment.system.config"));
            assertEquals("true", properties.getProperty("deployment.system.config.mandatory"));
        }
        Properties system = load(windows.resolve("deployment.properties"));
        assertEquals(
                "C:\\Windows\\Sun\\Java\\Deployment\\trusted.certs",
                system.getProperty("deployment.system.security.trusted.certs"));
        assertEquals(
                "C:\\Windows\\Sun\\Java\\Deployment\\jssecacerts",
                system.getProperty("deployment.system.security.jssecacerts"));
        assertEquals("21* 17*", system.getProperty("ows.jvm.manager.versionRange"));
        for (String key : system.stringPropertyNames()) {
            if (!key.endsWith(".locked")) {
                assertTrue(system.containsKey(key + ".locked"), key + " is locked");
            }
        }
        assertEquals(
                "/etc/.java/deployment/trusted.certs",
                load(kit.resolve("openwebstart/linux-macos/deployment.properties"))
                        .getProperty("deployment.system.security.trusted.certs"));

        for (String platform : List.of("windows", "linux-macos")) {
            Path directory = kit.resolve("openwebstart").resolve(platform);
            assertEquals(List.of(signerCertificate()), certificates(directory.resolve("trusted.certs")));
            assertEquals(
                    List.of(certificate(data.resolve("ca/root-ca.pem"))),
                    certificates(directory.resolve("jssecacerts")));
        }

        JsonNode policies = new ObjectMapper()
                .readTree(kit.resolve("browser-policies/selfrenewal-policies.json")
                        .toFile());
        assertEquals("[\"jnlp\"]", policies.get("AutoOpenFileTypes").toString());
        assertEquals(
                "[\"https://uim.example.nhs.uk\"]",
                policies.get("AutoOpenAllowedForURLs").toString());
        assertEquals(
                "[{\"protocol\":\"jnlps\",\"allowed_origins\":[\"https://uim.example.nhs.uk\"]}]",
                policies.get("AutoLaunchProtocolsFromOrigins").toString());
        String reg =
                Files.readString(kit.resolve("browser-policies/edge-chrome-policies.reg"), StandardCharsets.UTF_16LE);
        assertTrue(reg.startsWith("\uFEFFWindows Registry Editor Version 5.00\r\n"), reg);
        for (String browser : List.of("Microsoft\\Edge", "Google\\Chrome")) {
            String key = "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\" + browser;
            assertTrue(
                    reg.contains(key + "]\r\n\"AutoLaunchProtocolsFromOrigins\"=\"[{\\\"protocol\\\":\\\"jnlps\\\","
                            + "\\\"allowed_origins\\\":[\\\"https://uim.example.nhs.uk\\\"]}]\"\r\n"),
                    reg);
            assertTrue(reg.contains(key + "\\AutoOpenFileTypes]\r\n\"1\"=\"jnlp\"\r\n"), reg);
            assertTrue(
                    reg.contains(key + "\\AutoOpenAllowedForURLs]\r\n\"1\"=\"https://uim.example.nhs.uk\"\r\n"), reg);
        }

        String link = "--link https://uim.example.nhs.uk/urswebapp/?operation=selfRenewSmartcard";
        assertTrue(Files.readString(kit.resolve("logon-task/create-logon-task.cmd"))
                .contains("/SC ONLOGON"));
        assertTrue(Files.readString(kit.resolve("logon-task/create-logon-task.cmd"))
                .contains("SmartcardSelfRenewal\\*\\\" org.selfrenewal.client.window.ExpiryNotification " + link));
        assertTrue(Files.readString(kit.resolve("logon-task/smartcard-expiry-notification.desktop"))
                .contains("Exec=java -cp '/opt/smartcard-self-renewal/*'"
                        + " org.selfrenewal.client.window.ExpiryNotification " + link));
        assertEquals(
                Files.size(jars.resolve(JAR)),
                Files.size(kit.resolve("logon-task").resolve(JAR)));
        assertTrue(
                Files.isRegularFile(
                        kit.resolve("logon-task").resolve("selfrenewal-natives-windows-x86_64-0.1.0-SNAPSHOT.jar")),
                "the card library's native code travels with the client jar");
        assertTrue(Files.readString(kit.resolve("README.md")).contains("C:\\Windows\\Sun\\Java\\Deployment\\"));
    }

    @Test
    @DisplayName("the public URL defaults to the one the last serve ran under")
    void publicUrlFromTheRunningConfiguration() throws Exception {
        Path data = work.resolve("data");
        DevelopmentHierarchy.loadOrCreate(Files.createDirectories(data.resolve("ca")));
        Files.writeString(data.resolve("ca/public-url"), "https://renew.example.nhs.uk:8443");
        Run run = run(
                "deployment-kit",
                "--out",
                work.resolve("kit").toString(),
                "--data-dir",
                data.toString(),
                "--jar-dir",
                signedJarDirectory().toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(Files.readString(work.resolve("kit/browser-policies/selfrenewal-policies.json"))
                .contains("\"https://renew.example.nhs.uk:8443\""));
    }

    @Test
    @DisplayName("refused: no CA and no --tls-keystore; an unsigned client jar")
    void refusesWhatItCannotTrust() throws Exception {
        Path data = work.resolve("data");
        Run noRoot = run(
                "deployment-kit",
                "--out",
                work.resolve("kit").toString(),
                "--data-dir",
                data.toString(),
                "--public-url",
                "https://uim.example.nhs.uk",
                "--jar-dir",
                signedJarDirectory().toString());
        assertEquals(2, noRoot.exitCode, noRoot.err);
        assertTrue(
                noRoot.err.contains("No TLS root: " + data.resolve("ca/root-ca.pem") + " does not exist. Run serve "
                        + "once with --data-dir " + data + ", or pass --tls-keystore FILE --tls-password-env VAR"),
                noRoot.err);

        DevelopmentHierarchy.loadOrCreate(Files.createDirectories(data.resolve("ca")));
        Path unsigned = Files.createDirectories(work.resolve("unsigned"));
        writeJnlpJars(unsigned);
        Run notSigned = run(
                "deployment-kit",
                "--out",
                work.resolve("kit").toString(),
                "--data-dir",
                data.toString(),
                "--public-url",
                "https://uim.example.nhs.uk",
                "--jar-dir",
                unsigned.toString());
        assertEquals(2, notSigned.exitCode, notSigned.err);
        assertTrue(notSigned.err.contains(unsigned.resolve(JAR) + " is not signed"), notSigned.err);
    }

    private Path signedJarDirectory() throws Exception {
        Path jars = work.resolve("jars");
        if (Files.isRegularFile(jars.resolve(JAR))) {
            return jars;
        }
        Files.createDirectories(jars);
        writeJnlpJars(jars);
        Path keystore = work.resolve("signer.p12");
        tool(
                "keytool",
                "-genkeypair",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "signer",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=Test Signer",
                "-validity",
                "30");
        tool(
                "keytool",
                "-exportcert",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-alias",
                "signer",
                "-file",
                work.resolve("signer.cer").toString());
        tool(
                "jarsigner",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                jars.resolve(JAR).toString(),
                "signer");
        return jars;
    }

    private Certificate signerCertificate() throws Exception {
        return certificate(work.resolve("signer.cer"));
    }

    /** Every jar the JNLP names (the client and the card library's native code, one jar per platform), unsigned. */
    private static void writeJnlpJars(Path directory) throws Exception {
        for (JarReference jar : LaunchSiteConfig.developmentDefaults().clientJars()) {
            writeJar(directory.resolve(jar.href().substring(jar.href().lastIndexOf('/') + 1)));
        }
    }

    private static void writeJar(Path jar) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("org/example/Hello.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
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

    private static Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static List<Certificate> certificates(Path jks) throws Exception {
        KeyStore store = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(jks)) {
            store.load(in, "changeit".toCharArray());
        }
        List<Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            assertTrue(store.isCertificateEntry(alias), alias + " is a trusted certificate");
            certificates.add(store.getCertificate(alias));
        }
        return certificates;
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ServerMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {}
}
