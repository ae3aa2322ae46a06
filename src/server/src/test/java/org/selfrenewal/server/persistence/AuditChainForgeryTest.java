package org.selfrenewal.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An insider who knows the chain's hash function: an event inserted with a correctly computed hash is still
 * found, at the event after it (its stored previous hash no longer matches, and its row id comes before the
 * inserted row's).
 */
class AuditChainForgeryTest {

    @Test
    @DisplayName("audit/forged-insert: a row inserted with a correct hash of its own is found at the next row")
    void insertWithRecomputedHashIsFoundAtTheNextRow() throws Exception {
        Path directory = Files.createTempDirectory("audit-forgery");
        try (Database database = Database.open("jdbc:h2:file:" + directory.resolve("db"), "sa", "")) {
            database.inTransaction(c -> {
                for (AuditEventType type : new AuditEventType[] {
                    AuditEventType.CARD_ISSUED, AuditEventType.RENEWAL_STARTED, AuditEventType.CERTIFICATES_ISSUED
                }) {
                    new AuditTrail()
                            .record(
                                    c,
                                    new AuditTrail.Event(
                                            Instant.now(),
                                            type,
                                            AuditTrail.Outcome.OK,
                                            1L,
                                            "r",
                                            AuditOrigin.apiRequest("q", "192.0.2.1"),
                                            "real"));
                }
                return null;
            });
            assertTrue(database.inTransaction(AuditChain::verify).intact());

            database.inTransaction(c -> {
                String afterTwo;
                try (Statement s = c.createStatement();
                        var row = s.executeQuery("SELECT row_hash FROM audit_event WHERE chain_seq = 2")) {
                    row.next();
                    afterTwo = row.getString(1);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE audit_event SET chain_seq = chain_seq + 100 WHERE chain_seq >= 3");
                    s.execute("UPDATE audit_event SET chain_seq = chain_seq - 99 WHERE chain_seq >= 103");
                }
                AuditTrail.Event forged = new AuditTrail.Event(
                        Instant.now(),
                        AuditEventType.RENEWAL_CANCELLED,
                        AuditTrail.Outcome.OK,
                        1L,
                        "r",
                        AuditOrigin.apiRequest("q", "192.0.2.1"),
                        "forged");
                try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (occurred_at, event_type, "
                        + "outcome, card_id, renewal_id, actor, request_id, client_address, detail, chain_seq, "
                        + "previous_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 3, ?, ?)")) {
                    Timestamps.set(s, 1, forged.occurredAt());
                    s.setString(2, forged.type().name());
                    s.setString(3, forged.outcome().name());
                    s.setLong(4, 1L);
                    s.setString(5, "r");
                    s.setString(6, forged.origin().actor());
                    s.setString(7, forged.origin().requestId());
                    s.setString(8, forged.origin().clientAddress());
                    s.setString(9, forged.detail());
                    s.setString(10, afterTwo);
                    s.setString(11, AuditChain.hash(3, forged, afterTwo));
                    s.executeUpdate();
                }
                return null;
            });
            AuditChain.Verdict verdict = database.inTransaction(AuditChain::verify);
            assertEquals(4L, verdict.badSeq(), verdict.describe());
            assertTrue(
                    verdict.problem().contains("does not follow the event before it")
                            || verdict.problem().contains("rows were reordered"),
                    verdict.describe());
        }
    }
}
