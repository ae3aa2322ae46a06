package org.selfrenewal.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.selfrenewal.server.persistence.Database;
import org.selfrenewal.server.persistence.EmbeddedDatabaseSecret;

/**
 * Everything the server needs to run, with the embedded defaults: data under {@code dataDirectory}
 * (CA files in {@code ca/}, the H2 database in {@code db/}).
 */
public record ServerSettings(
        Path dataDirectory,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        Clock clock,
        Duration renewalTimeout,
        URI publicUrl) {

    /** How long a card has from start to confirmation. Real cards take up to ~20 s per key generation. */
    public static final Duration DEFAULT_RENEWAL_TIMEOUT = Duration.ofMinutes(10);

    public ServerSettings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(renewalTimeout, "renewalTimeout");
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            jdbcUrl = Database.embeddedUrl(dataDirectory, false);
        }
        if (jdbcUrl.startsWith("jdbc:h2:file:" + Database.embeddedDirectory(dataDirectory)) && jdbcUser == null) {
            jdbcUser = "sa";
            jdbcPassword = EmbeddedDatabaseSecret.loadOrCreate(dataDirectory);
        }
    }

    /** The embedded database shared with RA commands while the server runs (AUTO_SERVER on loopback). */
    public ServerSettings sharingEmbeddedDatabase() {
        if (!jdbcUrl.startsWith("jdbc:h2:file:" + Database.embeddedDirectory(dataDirectory))) {
            return this;
        }
        return new ServerSettings(
                dataDirectory,
                Database.embeddedUrl(dataDirectory, true),
                jdbcUser,
                jdbcPassword,
                clock,
                renewalTimeout,
                publicUrl);
    }

    /** The embedded defaults for a data directory. */
    public static ServerSettings embedded(Path dataDirectory) {
        return new ServerSettings(dataDirectory, null, null, null, Clock.systemUTC(), DEFAULT_RENEWAL_TIMEOUT, null);
    }

    /**
     * The address card holders use (scheme, host, port): the service identity every proof of possession
     * must name. Without one (the RA commands) no renewal can be proven.
     */
    public ServerSettings withPublicUrl(URI url) {
        return new ServerSettings(dataDirectory, jdbcUrl, jdbcUser, jdbcPassword, clock, renewalTimeout, url);
    }

    public Path caDirectory() {
        return dataDirectory.resolve("ca");
    }
}
