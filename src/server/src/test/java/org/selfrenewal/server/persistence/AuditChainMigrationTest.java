package org.selfrenewal.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The migrations that introduced the audit chain, on a database whose audit trail was written before it. */
class AuditChainMigrationTest {

    @Test
    @DisplayName("migration: audit events written before the chain are chained in order; new events follow them")
    void chainsEventsWrittenBeforeTheChain() throws Exception {
        Path directory = Files.createTempDirectory("audit-migration");
        String url = "jdbc:h2:file:" + directory.resolve("db");
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration")
                .target("2")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            for (String type : List.of("CARD_ISSUED", "RENEWAL_STARTED", "RENEWAL_CANCELLED")) {
                s.execute("INSERT INTO audit_event (occurred_at, event_type, outcome, card_id, renewal_id, detail) "
                        + "VALUES (TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00.123456+00', '" + type
                        + "', 'OK', 1, NULL, 'before the chain')");
            }
        }
        try (Database database = Database.open(url, "sa", "")) {
            database.inTransaction(c -> {
                new AuditTrail()
                        .record(
                                c,
                                new AuditTrail.Event(
                                        Instant.now(),
                                        AuditEventType.CARD_REVOKED,
                                        AuditTrail.Outcome.OK,
                                        1L,
                                        null,
                                        AuditOrigin.operator("desk"),
                                        "after the chain"));
                return null;
            });
            AuditChain.Verdict verdict = database.inTransaction(AuditChain::verify);
            assertTrue(verdict.intact(), verdict.describe());
            assertEquals(4, verdict.events());
            assertEquals(
                    List.of(
                            AuditEventType.CARD_ISSUED,
                            AuditEventType.RENEWAL_STARTED,
                            AuditEventType.RENEWAL_CANCELLED,
                            AuditEventType.CARD_REVOKED),
                    database.inTransaction(c -> new AuditTrail().all(c)).stream()
                            .map(AuditTrail.Event::type)
                            .toList());
            database.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE audit_event SET detail = 'edited' WHERE chain_seq = 2");
                }
                return null;
            });
            verdict = database.inTransaction(AuditChain::verify);
            assertEquals(2L, verdict.badSeq(), verdict.describe());
        }
    }
}
