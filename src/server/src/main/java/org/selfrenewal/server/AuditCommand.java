package org.selfrenewal.server;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.selfrenewal.server.persistence.AuditChain;
import org.selfrenewal.server.persistence.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code audit verify}: checks the audit trail's hash chain. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "The audit trail of every renewal step, refusal and RA action.",
        subcommands = {AuditCommand.Verify.class})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Walks the chain; exit code 0 if intact, 1 naming the first bad event otherwise. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            versionProvider = ServerVersion.class,
            description = "Check that no audit event was edited, deleted, inserted or reordered. Prints the "
                    + "number of events and the chain's head hash (keep it elsewhere to anchor the chain); "
                    + "exit code 1 naming the first bad event if the chain is broken.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StorageOptions data;

        @Override
        public Integer call() {
            OptionChecks checks = new OptionChecks(spec);
            data.check(checks);
            if (data.jdbcUrl == null
                    && !Files.exists(
                            Database.embeddedDirectory(data.dataDirectory).resolve("selfrenewal.mv.db"))) {
                throw checks.problem("no database in --data-dir " + data.dataDirectory + ": nothing to verify");
            }
            ServerSettings settings = data.raSettings();
            try (Database database = Database.open(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword())) {
                AuditChain.Verdict verdict = database.inTransaction(AuditChain::verify);
                if (verdict.intact()) {
                    spec.commandLine().getOut().println(verdict.describe());
                    return 0;
                }
                spec.commandLine().getErr().println(verdict.describe());
                return 1;
            }
        }
    }
}
