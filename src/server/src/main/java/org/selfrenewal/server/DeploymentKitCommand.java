package org.selfrenewal.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.HsmHierarchy;
import org.selfrenewal.launch.JarReference;
import org.selfrenewal.launch.LaunchSiteConfig;
import org.selfrenewal.server.kit.DeploymentKit;
import org.selfrenewal.server.kit.KitInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deployment-kit --out DIR}: what a trust's IT rolls out, written from the service's configuration (the
 * same --data-dir, --public-url, --tls-keystore, --jar-dir and --site-config as {@code serve}).
 */
@Command(
        name = "deployment-kit",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Write the files trust IT rolls out: OpenWebStart system configuration with the jar signer "
                + "and the service's TLS root trusted, Edge/Chrome policies, the expiry notification's logon task.")
final class DeploymentKitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write the kit to.")
    Path out;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The service's data directory (default: "
                    + "${DEFAULT-VALUE}): its CA's root is the TLS root unless --tls-keystore is given.")
    Path dataDirectory = Path.of("data");

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "The service's address (default: the one the last serve ran under).")
    URI publicUrl;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "The service's PKCS#12 TLS keystore.")
    Path tlsKeyStore;

    @Option(names = "--tls-password-env", paramLabel = "VAR", description = "Environment variable with its password.")
    String tlsPasswordVariable;

    @Option(
            names = "--jar-dir",
            paramLabel = "DIR",
            description = "The signed client jars (default: as serve finds them).")
    Path jarDirectory;

    @Option(names = "--site-config", paramLabel = "FILE", description = "Launch site properties (client.jars).")
    Path siteConfig;

    @Override
    public Integer call() throws Exception {
        OptionChecks checks = new OptionChecks(spec);
        checks.creatableDirectory("--out", out);
        checks.creatableDirectory("--data-dir", dataDirectory);
        Path caDirectory = dataDirectory.resolve("ca");
        URI address = publicUrl != null ? publicUrl : PublishedAddress.recorded(caDirectory);
        if (address == null) {
            throw checks.problem("--public-url is needed: no serve has run with --data-dir " + dataDirectory);
        }
        checks.webAddress("--public-url", address);
        X509Certificate tlsRoot = tlsRoot(checks, caDirectory);
        Path clientJar = clientJar(checks);
        KitInputs inputs = new KitInputs(address, tlsRoot, signer(checks, clientJar), clientJar);
        DeploymentKit.write(out, inputs);
        spec.commandLine()
                .getOut()
                .println("Deployment kit for " + inputs.origin() + " written to " + out.toAbsolutePath()
                        + " (see its README.md)");
        return 0;
    }

    private X509Certificate tlsRoot(OptionChecks checks, Path caDirectory) throws Exception {
        if (tlsKeyStore != null) {
            checks.readableFile("--tls-keystore", tlsKeyStore);
            char[] password = checks.environmentVariable("--tls-password-env", tlsPasswordVariable)
                    .toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tlsKeyStore)) {
                store.load(in, password);
            }
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain != null && chain.length > 0) {
                    return (X509Certificate) chain[chain.length - 1];
                }
            }
            throw checks.problem("--tls-keystore " + tlsKeyStore + " holds no key with a certificate chain");
        }
        if (HsmHierarchy.configured(caDirectory)) {
            throw checks.problem("The CA in " + caDirectory + " was imported with its keys on an HSM: serve uses the "
                    + "service's own TLS certificate, so pass the same --tls-keystore FILE --tls-password-env VAR");
        }
        Path root = DevelopmentHierarchy.certificateFile(caDirectory, DevelopmentHierarchy.ROOT_CA);
        if (!Files.isRegularFile(root)) {
            throw checks.problem("No TLS root: " + root + " does not exist. Run serve once with --data-dir "
                    + dataDirectory + ", or pass --tls-keystore FILE --tls-password-env VAR");
        }
        try (InputStream in = Files.newInputStream(root)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private Path clientJar(OptionChecks checks) throws IOException {
        Properties properties = new Properties();
        if (siteConfig != null) {
            checks.readableFile("--site-config", siteConfig);
            try (InputStream in = Files.newInputStream(siteConfig)) {
                properties.load(in);
            }
        }
        List<JarReference> jars = LaunchSiteConfig.fromProperties(properties).clientJars();
        List<Path> candidates = jarDirectory != null ? List.of(jarDirectory) : ClientJars.defaultCandidates();
        Path directory = ClientJars.find(candidates, jars)
                .orElseThrow(() -> checks.problem("No signed client jars "
                        + "in " + candidates + " (the JNLP names "
                        + jars.stream().map(JarReference::href).toList()
                        + "): pass --jar-dir DIR with the jars serve serves"));
        String href = jars.get(0).href();
        return directory.resolve(href.substring(href.lastIndexOf('/') + 1));
    }

    private X509Certificate signer(OptionChecks checks, Path jar) {
        try {
            return DeploymentKit.signerOf(jar);
        } catch (IOException e) {
            throw checks.problem(e.getMessage());
        }
    }
}
