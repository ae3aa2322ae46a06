package org.selfrenewal.webstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path of sign-jars.sh: the key on a PKCS#11 token (SoftHSM2 standing in for the HSM),
 * generated and used with exactly the commands of signing/README.md.
 */
class Pkcs11SigningIT {

    private static final Path SOFTHSM_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final String PIN = "123456";

    private static Commands.Outcome run(Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        return new Commands.Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void signsWithAKeyOnAPkcs11Token(@TempDir Path temp) throws Exception {
        assumeTrue(Files.exists(SOFTHSM_LIBRARY), "SoftHSM2 is not installed");
        Path tokens = Files.createDirectories(temp.resolve("tokens"));
        Path conf = temp.resolve("softhsm2.conf");
        Files.writeString(
                conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Path providerConfig = temp.resolve("codesign-hsm.cfg");
        Files.writeString(
                providerConfig, "name = CodeSigningHSM\nlibrary = " + SOFTHSM_LIBRARY + "\nslotListIndex = 0\n");
        Map<String, String> env = Map.of("SOFTHSM2_CONF", conf.toString(), "HSM_PIN", PIN);

        Commands.Outcome init = run(
                env,
                List.of(
                        "softhsm2-util",
                        "--init-token",
                        "--free",
                        "--label",
                        "codesign",
                        "--pin",
                        PIN,
                        "--so-pin",
                        "12345678"));
        assumeTrue(init.exitCode() == 0, init::toString);

        List<String> pkcs11 = List.of(
                "-keystore",
                "NONE",
                "-storetype",
                "PKCS11",
                "-providerClass",
                "sun.security.pkcs11.SunPKCS11",
                "-providerArg",
                providerConfig.toString(),
                "-storepass:env",
                "HSM_PIN");
        List<String> genkey = new ArrayList<>(List.of("keytool", "-genkeypair"));
        genkey.addAll(pkcs11);
        genkey.addAll(List.of(
                "-alias",
                "selfrenewal-codesign",
                "-keyalg",
                "RSA",
                "-keysize",
                "3072",
                "-sigalg",
                "SHA256withRSA",
                "-dname",
                "CN=Test Trust Smartcard Self-Renewal code signing, O=Test Trust",
                "-ext",
                "KeyUsage:critical=digitalSignature",
                "-ext",
                "ExtendedKeyUsage=codeSigning"));
        Commands.Outcome key = run(env, genkey);
        assertEquals(0, key.exitCode(), key::toString);

        Path jars = Files.createDirectories(temp.resolve("jars"));
        Files.copy(JarVariants.get().unsigned, jars.resolve(BuildOutput.jarName()));
        Path cert = temp.resolve("signer.cer");
        Commands.Outcome sign = run(
                env,
                List.of(
                        "bash",
                        BuildOutput.script("sign-jars.sh").toString(),
                        "--pkcs11",
                        providerConfig.toString(),
                        "--alias",
                        "selfrenewal-codesign",
                        "--storepass-env",
                        "HSM_PIN",
                        "--export-cert",
                        cert.toString(),
                        jars.toString()));
        assertEquals(0, sign.exitCode(), sign::toString);
        assertTrue(sign.output().contains("verify-jars: all 1 jar(s) verified, one signer"), sign::toString);

        Commands.Outcome verify = Commands.script("verify-jars.sh", jars.toString(), cert.toString());
        assertEquals(0, verify.exitCode(), verify::toString);
        // ... and it is not the development signer.
        Commands.Outcome notDev = Commands.script(
                "verify-jars.sh", jars.toString(), BuildOutput.signerCer().toString());
        assertEquals(1, notDev.exitCode(), notDev::toString);
    }

    @Test
    void wrongPinChangesNothing(@TempDir Path temp) throws IOException, Exception {
        assumeTrue(Files.exists(SOFTHSM_LIBRARY), "SoftHSM2 is not installed");
        Path tokens = Files.createDirectories(temp.resolve("tokens"));
        Path conf = temp.resolve("softhsm2.conf");
        Files.writeString(
                conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Path providerConfig = temp.resolve("hsm.cfg");
        Files.writeString(
                providerConfig, "name = CodeSigningHSM\nlibrary = " + SOFTHSM_LIBRARY + "\nslotListIndex = 0\n");
        Commands.Outcome init = run(
                Map.of("SOFTHSM2_CONF", conf.toString()),
                List.of(
                        "softhsm2-util",
                        "--init-token",
                        "--free",
                        "--label",
                        "codesign",
                        "--pin",
                        PIN,
                        "--so-pin",
                        "12345678"));
        assumeTrue(init.exitCode() == 0, init::toString);
        Path jars = Files.createDirectories(temp.resolve("jars"));
        Path jar = jars.resolve("small.jar");
        Files.copy(JarVariants.get().unsigned, jar);
        byte[] before = Files.readAllBytes(jar);
        Commands.Outcome sign = run(
                Map.of("SOFTHSM2_CONF", conf.toString(), "HSM_PIN", "000000"),
                List.of(
                        "bash",
                        BuildOutput.script("sign-jars.sh").toString(),
                        "--pkcs11",
                        providerConfig.toString(),
                        "--alias",
                        "selfrenewal-codesign",
                        "--storepass-env",
                        "HSM_PIN",
                        jars.toString()));
        assertEquals(1, sign.exitCode(), sign::toString);
        assertTrue(sign.output().contains("wrong alias or password"), sign::toString);
        Assertions.assertArrayEquals(before, Files.readAllBytes(jar));
    }
}
