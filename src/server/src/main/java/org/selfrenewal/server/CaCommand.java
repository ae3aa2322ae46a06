package org.selfrenewal.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ca import | status}: the certificate authority the service signs with. */
@Command(
        name = "ca",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "The certificate authority the service signs with: import a trust's CA whose keys are on an "
                + "HSM, or show each CA's status.",
        subcommands = {CaImportCommand.class, CaStatusCommand.class})
final class CaCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name what to do: ca import or ca status");
    }
}
