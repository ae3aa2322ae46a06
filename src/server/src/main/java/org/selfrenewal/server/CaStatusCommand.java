package org.selfrenewal.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfrenewal.ca.CaStatus;
import org.selfrenewal.ca.CaStoreException;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.DevelopmentPassword;
import org.selfrenewal.ca.HsmHierarchy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ca status}: each CA's subject, validity, where its key lives and whether the key answers. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Show each CA: subject, validity, where its key lives and whether the key answers a test "
                + "signature. Exit code 1 when a key does not answer.")
final class CaStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = Path.of("data");

    @Override
    public Integer call() throws CaStoreException {
        OptionChecks checks = new OptionChecks(spec);
        checks.existingDirectory("--data-dir", dataDirectory);
        Path caDirectory = dataDirectory.resolve("ca");
        PrintWriter out = spec.commandLine().getOut();
        List<CaStatus> status;
        if (HsmHierarchy.configured(caDirectory)) {
            out.println(
                    "Imported CA, issuing keys on an HSM (" + caDirectory.resolve(HsmHierarchy.SETTINGS_FILE) + ")");
            status = HsmHierarchy.status(caDirectory);
        } else if (DevelopmentHierarchy.exists(caDirectory)) {
            out.println("Development CA (PKCS#12 files in " + caDirectory + "): for tests only");
            status = CaStatus.of(DevelopmentHierarchy.load(
                    caDirectory, DevelopmentPassword.loadOrCreate(caDirectory), Clock.systemUTC()));
        } else {
            out.println("No CA in " + caDirectory + ": serve creates the development CA on its first start, or "
                    + "ca import binds a trust's CA on an HSM.");
            return 1;
        }
        print(out, status);
        return status.stream().allMatch(ca -> ca.keyCheck().usable()) ? 0 : 1;
    }

    static void print(PrintWriter out, List<CaStatus> status) {
        for (CaStatus ca : status) {
            out.println("  " + ca.name() + ": " + ca.subject());
            out.println("    valid " + ca.notBefore() + " to " + ca.notAfter());
            out.println("    key: " + ca.keyLocation());
            out.println("    key check: " + ca.keyCheck());
        }
        out.flush();
    }
}
