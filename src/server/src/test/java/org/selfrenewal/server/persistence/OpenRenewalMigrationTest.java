package org.selfrenewal.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The V2 migration on a database made by V1 that already holds two open renewals of one card. */
class OpenRenewalMigrationTest {

    @Test
    @DisplayName(
            "migration: the newest open renewal stays open, older ones are cancelled and their pending certificates revoked; then the database refuses a second open renewal")
    void migratesDuplicateOpenRenewals() throws Exception {
        Path directory = Files.createTempDirectory("migration");
        String url = "jdbc:h2:file:" + directory.resolve("db");
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration")
                .target("1")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO card (id, holder_name, user_id, created_at) VALUES (1, 'A', 'u', CURRENT_TIMESTAMP)");
            for (int id = 1; id <= 4; id++) {
                s.execute("INSERT INTO certificate (id, card_id, purpose, status, serial_hex, issuer_dn, subject_dn, "
                        + "sha256, public_key_sha256, not_before, not_after, der, issued_by_renewal, created_at, "
                        + "status_changed_at) VALUES (" + id + ", 1, 'AUTHENTICATION', '"
                        + (id <= 2 ? "CURRENT" : "PENDING")
                        + "', '" + id + "', 'CN=CA', 'CN=A', 'h" + id + "', 'k" + id + "', CURRENT_TIMESTAMP, "
                        + "CURRENT_TIMESTAMP, X'00', " + (id <= 2 ? "NULL" : "'old'")
                        + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
            s.execute(
                    "INSERT INTO renewal (id, card_id, state, challenge, old_authentication_cert_id, old_signing_cert_id, "
                            + "new_authentication_cert_id, new_signing_cert_id, started_at, expires_at) VALUES ('old', 1, 'ISSUED', "
                            + "'c', 1, 2, 3, 4, TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 10:10:00+00')");
            s.execute(
                    "INSERT INTO renewal (id, card_id, state, challenge, old_authentication_cert_id, old_signing_cert_id, "
                            + "started_at, expires_at) VALUES ('new', 1, 'STARTED', 'c', 1, 2, "
                            + "TIMESTAMP WITH TIME ZONE '2026-01-01 10:05:00+00', TIMESTAMP WITH TIME ZONE '2026-01-01 10:15:00+00')");
        }
        try (Database database = Database.open(url, "sa", "")) {
            database.inTransaction(c -> {
                assertEquals(
                        List.of("new STARTED 1", "old CANCELLED null"),
                        rows(c, "SELECT id, state, open_card_id FROM renewal ORDER BY id"));
                // reason 5: cessationOfOperation, as for every cancelled pending certificate
                assertEquals(
                        List.of("1 CURRENT null", "2 CURRENT null", "3 REVOKED 5", "4 REVOKED 5"),
                        rows(c, "SELECT id, status, revocation_reason FROM certificate ORDER BY id"));
                return null;
            });
            assertThrows(
                    DatabaseException.class,
                    () -> database.inTransaction(c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("INSERT INTO renewal (id, card_id, state, challenge, old_authentication_cert_id, "
                                    + "old_signing_cert_id, started_at, expires_at, open_card_id) VALUES ('third', 1, 'STARTED', "
                                    + "'c', 1, 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
                        }
                        return null;
                    }),
                    "a second open renewal of the card violates the constraint");
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> all = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet row = s.executeQuery(sql)) {
            while (row.next()) {
                all.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3));
            }
        }
        return all;
    }
}
