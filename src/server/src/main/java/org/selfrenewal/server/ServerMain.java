package org.selfrenewal.server;

import java.util.concurrent.Callable;
import org.selfrenewal.server.ra.IssueCardCommand;
import org.selfrenewal.server.ra.RevokeCardCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar selfrenewal-server.jar serve | issue-card | revoke-card}. */
@Command(name = "selfrenewal-server", mixinStandardHelpOptions = true,
        description = "Smartcard self-renewal service and registration-authority commands.",
        subcommands = {ServerMain.Serve.class, IssueCardCommand.class, RevokeCardCommand.class})
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

    @Command(name = "serve", description = "Run the renewal service.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host = "127.0.0.1";

        @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
        int port = 8080;

        @Override
        public Integer call() throws Exception {
            try (ServerContext context = ServerContext.open(data.settings());
                 RenewalServer server = RenewalServer.start(host, port, context.renewals())) {
                System.out.println("Renewal service ready at " + server.baseUri());
                server.join();
            }
            return 0;
        }
    }
}
