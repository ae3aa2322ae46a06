package org.selfrenewal.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.CaStatus;
import org.selfrenewal.ca.CaStoreException;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.HsmHierarchy;
import org.selfrenewal.ca.HsmSettings;
import org.selfrenewal.ca.PinSource;
import org.selfrenewal.protocol.CredentialPurpose;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ca import}: binds a trust's issuing CA certificates (chain files) to their keys on an HSM, so that
 * {@code serve} and the RA commands sign on the HSM instead of with the development CA.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Import the issuing CAs' certificate chains and bind them to their keys on an HSM (PKCS#11). "
                + "Each certificate must match its HSM key (checked by a test signature on the HSM). The PIN is read "
                + "from a file or an environment variable, never from the command line.")
final class CaImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = Path.of("data");

    @Option(
            names = "--pkcs11-library",
            required = true,
            paramLabel = "FILE",
            description = "The HSM's PKCS#11 library, e.g. /opt/nfast/toolkits/pkcs11/libcknfast.so.")
    Path library;

    @Option(names = "--token-label", required = true, paramLabel = "LABEL", description = "The HSM token's label.")
    String tokenLabel;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Pin pin;

    static final class Pin {
        @Option(
                names = "--pin-env",
                paramLabel = "VAR",
                description = "Environment variable holding the token's user PIN (read at every start).")
        String variable;

        @Option(
                names = "--pin-file",
                paramLabel = "FILE",
                description = "File whose first line is the token's user PIN (read at every start; keep it 0600).")
        Path file;
    }

    @Option(
            names = "--authentication-chain",
            required = true,
            paramLabel = "PEM",
            description = "The authentication CA's certificate followed by its chain up to the root.")
    Path authenticationChain;

    @Option(
            names = "--authentication-key-label",
            required = true,
            paramLabel = "LABEL",
            description = "CKA_LABEL of the authentication CA's private key on the token.")
    String authenticationKeyLabel;

    @Option(
            names = "--signing-chain",
            required = true,
            paramLabel = "PEM",
            description = "The signing CA's certificate followed by its chain up to the root.")
    Path signingChain;

    @Option(
            names = "--signing-key-label",
            required = true,
            paramLabel = "LABEL",
            description = "CKA_LABEL of the signing CA's private key on the token.")
    String signingKeyLabel;

    @Override
    public Integer call() throws CaStoreException {
        OptionChecks checks = new OptionChecks(spec);
        checks.creatableDirectory("--data-dir", dataDirectory);
        checks.readableFile("--pkcs11-library", library);
        checks.readableFile("--authentication-chain", authenticationChain);
        checks.readableFile("--signing-chain", signingChain);
        PinSource pinSource;
        if (pin.variable != null) {
            checks.environmentVariable("--pin-env", pin.variable);
            pinSource = PinSource.environment(pin.variable);
        } else {
            checks.readableFile("--pin-file", pin.file);
            pinSource = PinSource.file(pin.file);
        }
        HsmSettings settings;
        try {
            settings = new HsmSettings(
                    library,
                    tokenLabel,
                    pinSource,
                    Map.of(
                            CredentialPurpose.AUTHENTICATION, authenticationKeyLabel,
                            CredentialPurpose.SIGNING, signingKeyLabel));
        } catch (IllegalArgumentException e) {
            throw checks.problem(e.getMessage());
        }
        Path caDirectory = dataDirectory.resolve("ca");
        if (DevelopmentHierarchy.exists(caDirectory)) {
            throw checks.problem("--data-dir " + dataDirectory + " already holds the development CA ("
                    + DevelopmentHierarchy.keyStoreFile(caDirectory, DevelopmentHierarchy.ROOT_CA)
                    + "): import into a new --data-dir, so that cards issued by the development CA are not mixed "
                    + "with the trust's");
        }
        Map<CredentialPurpose, Path> chains = new EnumMap<>(CredentialPurpose.class);
        chains.put(CredentialPurpose.AUTHENTICATION, authenticationChain);
        chains.put(CredentialPurpose.SIGNING, signingChain);
        CaHierarchy hierarchy = HsmHierarchy.importChains(caDirectory, settings, chains, Clock.systemUTC());
        spec.commandLine().getOut().println("Imported into " + caDirectory + ":");
        CaStatusCommand.print(spec.commandLine().getOut(), CaStatus.of(hierarchy));
        spec.commandLine()
                .getOut()
                .println("serve and the RA commands with --data-dir " + dataDirectory + " now sign on the HSM; "
                        + "give serve the PIN's " + pinSource.describe() + " and its own --tls-keystore.");
        return 0;
    }
}
