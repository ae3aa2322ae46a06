package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Whether the database already holds exactly the migrations this build carries, read from Flyway's own
 * history table in one query: then a start need not configure Flyway and resolve its migrations (two thirds
 * of a second of CPU on a cold JVM). Anything else — no history table, a failed or missing migration, one
 * this build does not know (a newer version), a changed checksum — is left to Flyway, which migrates,
 * repairs nothing silently, and refuses what it does not know exactly as before.
 */
final class SchemaHistory {

    /** One applied migration as Flyway records it. */
    record Applied(String version, String description, String type, String script, Integer checksum) {}

    /**
     * The migrations in {@code db/migration}, in order, with Flyway's checksums (null for a Java migration).
     * {@code SchemaHistoryTest} fails when they differ from what Flyway resolves: add each new migration here.
     */
    static final List<Applied> BUNDLED = List.of(
            new Applied(
                    "1",
                    "cards certificates renewals audit",
                    "SQL",
                    "V1__cards_certificates_renewals_audit.sql",
                    -1909343440),
            new Applied(
                    "2",
                    "one open renewal per card revocation reasons",
                    "SQL",
                    "V2__one_open_renewal_per_card_revocation_reasons.sql",
                    -511387672),
            new Applied("3", "audit chain", "SQL", "V3__audit_chain.sql", 1223182373),
            new Applied(
                    "4", "chain existing audit events", "JDBC", "db.migration.V4__chain_existing_audit_events", null),
            new Applied("5", "audit chain constraints", "SQL", "V5__audit_chain_constraints.sql", -1539889660),
            new Applied(
                    "6",
                    "no index on certificate status",
                    "SQL",
                    "V6__no_index_on_certificate_status.sql",
                    -435228543));

    private SchemaHistory() {}

    /** True only when every bundled migration, and nothing else, is applied successfully, in order. */
    static boolean isCurrent(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                return applied(connection).equals(BUNDLED);
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        } catch (SQLException e) {
            return false; // no history table yet, or unreadable: Flyway decides
        }
    }

    /** The versioned migrations recorded, in order; a failed one makes the list unequal to any bundled one. */
    static List<Applied> applied(Connection connection) throws SQLException {
        List<Applied> applied = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                        "SELECT \"version\", \"description\", \"type\", \"script\", \"checksum\", \"success\" "
                                + "FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String version = rows.getString(1);
                String type = rows.getString(3);
                if (version == null && ("SCHEMA".equals(type) || "TABLE".equals(type))) {
                    continue; // Flyway's markers: the history table or schema it created
                }
                int checksum = rows.getInt(5);
                Integer recorded = rows.wasNull() ? null : checksum;
                boolean success = rows.getBoolean(6);
                applied.add(new Applied(
                        success ? version : "failed " + Objects.toString(version),
                        rows.getString(2),
                        type,
                        rows.getString(4),
                        recorded));
            }
        }
        return applied;
    }
}
