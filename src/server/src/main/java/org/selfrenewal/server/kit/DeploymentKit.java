package org.selfrenewal.server.kit;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * What a trust's IT rolls out so that card holders' machines launch the client from the renewal page
 * without a prompt or a hand-made trust store: OpenWebStart's system configuration with both trust
 * stores (Windows, Linux/macOS), Edge/Chrome policies, the expiry notification's logon task with the client
 * jar it runs, and a README saying where each file goes.
 */
public final class DeploymentKit {

    static final String OPENWEBSTART = "openwebstart";
    static final String BROWSER_POLICIES = "browser-policies";
    static final String LOGON_TASK = "logon-task";
    /** The platform jars of the card library's native code the web start build writes beside the client jar. */
    static final String NATIVE_JARS = "selfrenewal-natives-*.jar";

    private DeploymentKit() {}

    /** Writes the kit into {@code out} (created if needed). */
    public static void write(Path out, KitInputs inputs) throws Exception {
        Files.createDirectories(out);
        for (OpenWebStartSettings.Platform platform : OpenWebStartSettings.Platform.values()) {
            OpenWebStartSettings.write(out.resolve(OPENWEBSTART).resolve(platform.folder), platform, inputs);
        }
        BrowserPolicies.write(out.resolve(BROWSER_POLICIES), inputs);
        Path logon = out.resolve(LOGON_TASK);
        LogonTask.write(logon, inputs);
        Files.copy(
                inputs.clientJar(),
                logon.resolve(inputs.clientJar().getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        // the card library's native code, one signed jar per platform beside the client jar (src/webstart)
        Path jarFolder = inputs.clientJar().toAbsolutePath().getParent();
        if (jarFolder == null) {
            throw new IOException("the client jar " + inputs.clientJar() + " is not in a folder");
        }
        try (var natives = Files.newDirectoryStream(jarFolder, NATIVE_JARS)) {
            for (Path jar : natives) {
                Files.copy(jar, logon.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(out.resolve("README.md"), readme(inputs), StandardCharsets.UTF_8);
    }

    @SuppressFBWarnings(
            value = "VA_FORMAT_STRING_USES_NEWLINE",
            justification = "a Markdown file with \\n line ends on every platform, as the text block writes it")
    private static String readme(KitInputs inputs) throws Exception {
        String jar = inputs.clientJarName();
        return """
                # Deployment kit for %1$s

                Written by `selfrenewal-server deployment-kit` from the service's running configuration. Roll these
                files out to card holders' machines (Group Policy, Intune, SCCM, your Linux configuration tool):
                then the renewal page %2$s starts the Smartcard Service through OpenWebStart with no
                security prompt and no certificate to accept.

                Trusted by this kit:
                - jar signer: %3$s (SHA-256 %4$s), in `trusted.certs`
                - the service's TLS root: %5$s (SHA-256 %6$s), in `jssecacerts`

                Both stores are JKS files with the password `changeit` (OpenWebStart's own format). Write a new
                kit whenever the signer or the service's TLS root changes.

                ## 1. OpenWebStart (install OpenWebStart first, e.g. its MSI with `-q`)

                | files | copy to |
                |---|---|
                | `openwebstart/windows/*` | `C:\\Windows\\Sun\\Java\\Deployment\\` |
                | `openwebstart/linux-macos/*` | `/etc/.java/deployment/` |

                `itw-deployment.config` and `deployment.config` make `deployment.properties` the mandatory system
                configuration. Its keys, each locked (`<key>.locked`) so a user cannot change them:
                - `deployment.system.security.trusted.certs`: the jar signer is pre-trusted;
                - `deployment.system.security.jssecacerts`: the service's HTTPS is trusted for the JNLP and jars;
                - `ows.jvm.manager.versionRange=%7$s`: OpenWebStart runs the client on Java 21 or 17, the versions
                  it is tested with (Java 24 and later cannot run all-permissions applications);
                - `ows.jvm.manager.updateStrategy=DO_NOTHING_ON_LOCAL_MATCH`: no download while a suitable Java
                  is installed;
                - `ows.update.activated=false`: OpenWebStart updates come from your software rollout.

                ## 2. Browsers: Edge and Chrome policies

                - Windows: import `browser-policies/%8$s` (or set the same three policies by Group Policy).
                - Linux: copy `browser-policies/%9$s` to `/etc/opt/chrome/policies/managed/`,
                  `/etc/chromium/policies/managed/` and `/etc/opt/edge/policies/managed/`.

                `AutoOpenFileTypes` + `AutoOpenAllowedForURLs` open the downloaded `.jnlp` from %2$s only;
                `AutoLaunchProtocolsFromOrigins` lets the page's `jnlps://` link start OpenWebStart without the
                "Open OpenWebStart?" question, from this service's origin only.

                ## 3. The expiry notification at logon

                Copy `logon-task/%10$s` and the `selfrenewal-natives-*.jar` beside it to `C:\\Program Files\\SmartcardSelfRenewal\\` (Windows) or
                `/opt/smartcard-self-renewal/` (Linux), then run `logon-task/create-logon-task.cmd` once as an
                administrator, or copy `logon-task/smartcard-expiry-notification.desktop` to `/etc/xdg/autostart/`.
                It needs a Java 17 or 21 on the machine; add `--pkcs11-library <your card middleware's PKCS#11
                library>` where the default does not apply. Details: docs/expiry-notification.md of the project.
                """
                .formatted(
                        inputs.origin(),
                        inputs.renewalPage(),
                        inputs.signer().getSubjectX500Principal().getName(),
                        fingerprint(inputs.signer()),
                        inputs.tlsRoot().getSubjectX500Principal().getName(),
                        fingerprint(inputs.tlsRoot()),
                        OpenWebStartSettings.JAVA_VERSIONS,
                        BrowserPolicies.REG_FILE,
                        BrowserPolicies.JSON_FILE,
                        jar);
    }

    /** The certificate that signed {@code jar} (every entry verified); IOException when unsigned or broken. */
    public static X509Certificate signerOf(Path jar) throws IOException {
        return SignerCertificate.of(jar);
    }

    static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.ofDelimiter(":")
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
