package org.selfrenewal.webstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSigner;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's output: target/jars holds the signed client jar and signer.cer, nothing else. */
class SignedJarsIT {

    private static X509Certificate signer() throws Exception {
        try (InputStream in = Files.newInputStream(BuildOutput.signerCer())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void jarsDirectoryHoldsTheJarThePlatformJarsAndTheCertificateOnly() throws IOException {
        try (Stream<Path> files = Files.list(BuildOutput.jarsDir())) {
            Set<String> names =
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>(List.of(BuildOutput.jarName(), "signer.cer"));
            for (NativePlatform platform : NativePlatform.values()) {
                expected.add(WebstartBundle.nativesJarName(BuildOutput.property("webstart.nativesJarName"), platform));
            }
            assertEquals(expected, names);
        }
    }

    @Test
    void jarsignerVerifyStrictPassesOnEveryJar(@TempDir Path temp) throws Exception {
        // -strict validates the chain: a self-signed development certificate needs itself as trust anchor.
        Path trust = temp.resolve("trust.p12");
        Commands.Outcome imported = Commands.run(
                "keytool",
                "-importcert",
                "-noprompt",
                "-storetype",
                "PKCS12",
                "-keystore",
                trust.toString(),
                "-storepass",
                "changeit",
                "-alias",
                "signer",
                "-file",
                BuildOutput.signerCer().toString());
        assertEquals(0, imported.exitCode(), imported::toString);
        try (Stream<Path> jars = Files.list(BuildOutput.jarsDir())) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Commands.Outcome verify = Commands.run(
                        "jarsigner",
                        "-verify",
                        "-strict",
                        "-keystore",
                        trust.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        "changeit",
                        jar.toString());
                assertEquals(0, verify.exitCode(), verify::toString);
                assertTrue(verify.output().contains("jar verified."), verify::toString);
                assertFalse(verify.output().contains("unsigned entries"), verify::toString);
            }
        }
    }

    @Test
    void everyEntryIncludingTheTemplateAndVersionedClassesIsSignedByTheOneSigner() throws Exception {
        X509Certificate expected = signer();
        int signedEntries = 0;
        int versionedEntries = 0;
        boolean sawTemplate = false;
        try (JarFile jar = new JarFile(BuildOutput.signedJar().toFile(), true)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream()); // reading verifies the digest
                }
                String name = entry.getName();
                if (entry.isDirectory()
                        || name.equals("META-INF/MANIFEST.MF")
                        || WebstartBundle.SIGNATURE_FILE.matcher(name).matches()) {
                    continue;
                }
                CodeSigner[] signers = entry.getCodeSigners();
                assertNotNull(signers, "unsigned entry " + name);
                assertEquals(1, signers.length, "signers of " + name);
                assertEquals(
                        expected,
                        signers[0].getSignerCertPath().getCertificates().get(0),
                        name);
                signedEntries++;
                if (name.startsWith("META-INF/versions/")) {
                    versionedEntries++;
                }
                if (name.equals(SignedTemplate.ENTRY)) {
                    sawTemplate = true;
                }
            }
        }
        assertTrue(sawTemplate, "no " + SignedTemplate.ENTRY);
        // Every versioned (Multi-Release) entry is checked like any other above; since issue 10 the shrunk client
        // ships none (ProGuard drops Bouncy Castle's META-INF/versions: the base classes run on every Java).
        assertEquals(0, versionedEntries, "the shrunk client jar carries no META-INF/versions entries");
        assertTrue(signedEntries > 1000, "signed entries: " + signedEntries);
    }

    @Test
    void templateInTheJarIsTheRenderedTemplate() throws Exception {
        byte[] inJar;
        try (JarFile jar = new JarFile(BuildOutput.signedJar().toFile(), true)) {
            JarEntry entry = jar.getJarEntry(SignedTemplate.ENTRY);
            assertNotNull(entry);
            try (InputStream in = jar.getInputStream(entry)) {
                inJar = in.readAllBytes();
            }
            assertNotNull(entry.getCodeSigners(), "template covered by the signature");
        }
        assertArrayEquals(Files.readAllBytes(Path.of(BuildOutput.property("webstart.templateCopy"))), inJar);
        String text = new String(inJar, StandardCharsets.UTF_8);
        assertTrue(text.contains("codebase=\"*\" href=\"*\""), text);
        assertTrue(text.contains("<all-permissions/>"), text);
        assertTrue(text.contains("<java version=\"21*\"/>\n    <java version=\"17*\"/>"), text);
        assertFalse(text.contains("+\"/>"), "no open Java version range: " + text);
        assertTrue(text.contains("main-class=\"" + BuildOutput.mainClass() + "\""), text);
        assertTrue(
                text.contains(
                        "<argument>*</argument>\n    <argument>operation=" + BuildOutput.operation() + "</argument>"),
                text);
    }

    @Test
    void manifestCarriesTheWebStartAttributes() throws IOException {
        try (JarFile jar = new JarFile(BuildOutput.signedJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(BuildOutput.mainClass(), main.getValue("Main-Class"));
            assertEquals("all-permissions", main.getValue("Permissions"));
            assertEquals(BuildOutput.mainClass(), main.getValue("Entry-Point"));
            assertEquals("true", main.getValue("Trusted-Only"));
            assertEquals("*", main.getValue("Codebase"));
            assertEquals("true", main.getValue("Multi-Release"));
            assertNotNull(main.getValue("Application-Name"));
        }
    }

    @Test
    void signerIsAnRsa3072CodeSigningCertificate() throws Exception {
        X509Certificate cert = signer();
        assertEquals(3072, ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength());
        assertTrue(cert.getKeyUsage()[0], "digitalSignature");
        assertTrue(cert.getCriticalExtensionOIDs().contains("2.5.29.15"), "KeyUsage critical");
        assertEquals(List.of("1.3.6.1.5.5.7.3.3"), cert.getExtendedKeyUsage());
        assertEquals("SHA256withRSA", cert.getSigAlgName());
    }

    @Test
    void developmentKeyAndPasswordAreOwnerOnly() throws IOException {
        Path keyDir = Path.of(BuildOutput.property("webstart.devKeyDir"));
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        assertEquals(ownerOnly, Files.getPosixFilePermissions(keyDir.resolve("dev-codesign.p12")));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(keyDir.resolve("dev-codesign.pass")));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(keyDir));
    }
}
