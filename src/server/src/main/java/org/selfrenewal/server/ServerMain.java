package org.selfrenewal.server;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.selfrenewal.server.ra.IssueCardCommand;
import org.selfrenewal.server.ra.RevokeCardCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar selfrenewal-server.jar serve | deployment-kit | issue-card | revoke-card | audit verify | ca}. */
@Command(
        name = "selfrenewal-server",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Smartcard self-renewal service and registration-authority commands.",
        subcommands = {
            ServeCommand.class,
            DeploymentKitCommand.class,
            IssueCardCommand.class,
            RevokeCardCommand.class,
            AuditCommand.class,
            CaCommand.class
        })
public final class ServerMain {

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line and returns its exit code: results on {@code out}, problems on {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ServerMain());
        // the terminal's encoding, as PrintStream itself writes
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, Charset.defaultCharset()), true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            err.println("Failed: " + e.getMessage());
            LoggerFactory.getLogger(ServerMain.class).debug("Failure", e);
            return 1;
        });
        return commandLine.execute(args);
    }
}
