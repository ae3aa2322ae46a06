package org.selfrenewal.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start skips Flyway only on a database holding exactly this build's migrations; every other database
 * goes through Flyway as before (migrated, or refused).
 */
class SchemaHistoryTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("the bundled list is what Flyway resolves from db/migration (add a new migration there too)")
    void bundledListMatchesFlyway() {
        String url = url("resolved");
        Flyway flyway = flyway(url).load();
        flyway.migrate();
        List<SchemaHistory.Applied> resolved = Arrays.stream(flyway.info().all())
                .map(SchemaHistoryTest::applied)
                .toList();
        assertEquals(resolved, SchemaHistory.BUNDLED);
    }

    @Test
    @DisplayName("current after Flyway migrated it; not current when empty or part-migrated, and open migrates it")
    void currentOnlyWhenEveryMigrationIsApplied() throws Exception {
        String url = url("partial");
        assertFalse(SchemaHistory.isCurrent(dataSource(url)), "no history table yet");
        flyway(url).target("3").load().migrate();
        assertFalse(SchemaHistory.isCurrent(dataSource(url)), "V4 and V5 pending");
        try (Database database = Database.open(url, "sa", "")) {
            assertTrue(SchemaHistory.isCurrent(database.dataSource()));
        }
    }

    @Test
    @DisplayName("an unknown applied migration: not current, and Flyway refuses the database as before")
    void unknownMigrationIsLeftToFlyway() throws Exception {
        String url = url("unknown");
        flyway(url).load().migrate();
        execute(
                url,
                "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", "
                        + "\"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") SELECT "
                        + "MAX(\"installed_rank\") + 1, '4.5', 'from another build', 'SQL', 'V4_5__from_another_build.sql', 1,"
                        + " 'sa', 1, TRUE FROM \"flyway_schema_history\"");
        assertFalse(SchemaHistory.isCurrent(dataSource(url)));
        assertThrows(FlywayException.class, () -> Database.open(url, "sa", ""));
    }

    @Test
    @DisplayName("a changed checksum or a failed migration: not current, and Flyway refuses the database as before")
    void changedOrFailedMigrationIsLeftToFlyway() throws Exception {
        String changed = url("changed");
        flyway(changed).load().migrate();
        execute(changed, "UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '3'");
        assertFalse(SchemaHistory.isCurrent(dataSource(changed)));
        assertThrows(FlywayException.class, () -> Database.open(changed, "sa", ""));

        String failed = url("failed");
        flyway(failed).load().migrate();
        execute(failed, "UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '5'");
        assertFalse(SchemaHistory.isCurrent(dataSource(failed)));
        assertThrows(FlywayException.class, () -> Database.open(failed, "sa", ""));
    }

    private String url(String name) {
        try {
            return "jdbc:h2:file:"
                    + Files.createDirectories(directory.resolve(name)).resolve("db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FluentConfiguration flyway(String url) {
        return Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration");
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return dataSource;
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static SchemaHistory.Applied applied(MigrationInfo info) {
        return new SchemaHistory.Applied(
                info.getVersion().getVersion(),
                info.getDescription(),
                info.getType().name(),
                info.getScript(),
                info.getChecksum());
    }
}
