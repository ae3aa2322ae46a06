package org.selfrenewal.server;

import org.selfrenewal.server.ra.IssueCardCommand;
import org.selfrenewal.server.ra.RevokeCardCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar selfrenewal-server.jar serve | issue-card | revoke-card}. */
@Command(name = "selfrenewal-server", mixinStandardHelpOptions = true,
        description = "Smartcard self-renewal service and registration-authority commands.",
        subcommands = {ServeCommand.class, IssueCardCommand.class, RevokeCardCommand.class})
public final class ServerMain {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ServerMain());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            System.err.println("Failed: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(ServerMain.class).debug("Failure", e);
            return 1;
        });
        System.exit(commandLine.execute(args));
    }
}
