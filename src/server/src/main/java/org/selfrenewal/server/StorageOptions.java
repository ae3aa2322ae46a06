package org.selfrenewal.server;

import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Where the server keeps its data, and which database it uses (embedded H2 unless a JDBC URL is given). */
public final class StorageOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDirectory = Path.of("data");

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description = "Database, e.g. jdbc:postgresql://host/db (default: an H2 file in the data directory).")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user.")
    String jdbcUser;

    @Option(
            names = "--jdbc-password-env",
            paramLabel = "VAR",
            description = "Environment variable holding the database password.")
    String jdbcPasswordVariable;

    /** The CA's directory, without opening or creating anything. */
    public Path caDirectory() {
        return dataDirectory.resolve("ca");
    }

    /** Checks the options before anything is opened or created. */
    public void check(OptionChecks checks) {
        checks.creatableDirectory("--data-dir", dataDirectory);
        if (jdbcPasswordVariable != null) {
            checks.environmentVariable("--jdbc-password-env", jdbcPasswordVariable);
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            throw checks.problem("--jdbc-url must start with jdbc:, e.g. jdbc:postgresql://host/db, not " + jdbcUrl);
        }
    }

    /** For RA commands: the embedded database is opened shared, so they work while a sharing server runs. */
    public ServerSettings raSettings() {
        return settings().sharingEmbeddedDatabase();
    }

    public ServerSettings settings() {
        String password = jdbcPasswordVariable == null ? null : System.getenv(jdbcPasswordVariable);
        return new ServerSettings(
                dataDirectory,
                jdbcUrl,
                jdbcUser,
                password,
                Clock.systemUTC(),
                ServerSettings.DEFAULT_RENEWAL_TIMEOUT,
                null);
    }
}
