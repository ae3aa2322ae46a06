package org.selfrenewal.server.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a renewal's database work costs must not grow with the number of cards: a status change reads the one
 * certificate it changes, and the row locks keep working when the pool replaces its connections.
 */
class DatabaseCostTest {

    @Test
    @DisplayName("a certificate's status change reads that certificate only, however many others share its status")
    void statusChangeReadsOneCertificate() throws Exception {
        Path directory = Files.createTempDirectory("cost");
        try (Database database = Database.open("jdbc:h2:file:" + directory.resolve("db"), "sa", "")) {
            // fewer rows than make H2 analyse the table on its own: the plan it makes before it knows the data
            long last = database.inTransaction(c -> currentCertificates(c, 1500));
            database.inTransaction(c -> {
                try (PreparedStatement s =
                        c.prepareStatement("EXPLAIN ANALYZE " + StateTransitions.CERTIFICATE_STATUS_CHANGE)) {
                    s.setString(1, CertificateStatus.SUPERSEDED.name());
                    Timestamps.set(s, 2, Instant.now());
                    s.setInt(3, RevocationReason.SUPERSEDED.code());
                    s.setLong(4, last);
                    s.setString(5, CertificateStatus.CURRENT.name());
                    try (ResultSet plan = s.executeQuery()) {
                        plan.next();
                        Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan.getString(1));
                        assertTrue(scanned.find(), plan.getString(1));
                        assertTrue(Integer.parseInt(scanned.group(1)) <= 2, plan.getString(1));
                    }
                }
                return null;
            });
        }
    }

    @Test
    @DisplayName("the row locks work on every connection the pool hands out, also after it replaced them all")
    void locksSurviveReplacedConnections() throws Exception {
        Path directory = Files.createTempDirectory("cost");
        try (Database database = Database.open("jdbc:h2:file:" + directory.resolve("db"), "sa", "")) {
            long card = database.inTransaction(c -> new CardRepository().insert(c, "A", "a", null, Instant.now()));
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 20; i++) {
                    boolean locked = database.inTransaction(c -> new CardRepository().lock(c, card));
                    assertTrue(locked);
                    long seq =
                            database.inTransaction(c -> AuditChain.lockHead(c).seq());
                    assertEquals(round * 20L + i, seq);
                    database.inTransaction(c -> {
                        new AuditTrail()
                                .record(
                                        c,
                                        new AuditTrail.Event(
                                                Instant.now(),
                                                AuditEventType.REQUEST_REFUSED,
                                                AuditTrail.Outcome.REFUSED,
                                                card,
                                                null,
                                                null,
                                                "test"));
                        return null;
                    });
                }
                ((HikariDataSource) database.dataSource()).getHikariPoolMXBean().softEvictConnections();
            }
            assertTrue(database.inTransaction(AuditChain::verify).intact());
        }
    }

    private static long currentCertificates(Connection c, int count) throws SQLException {
        long card = new CardRepository().insert(c, "A", "a", null, Instant.now());
        long last = 0;
        try (Statement s = c.createStatement()) {
            for (int i = 1; i <= count; i++) {
                s.executeUpdate("INSERT INTO certificate (card_id, purpose, status, serial_hex, issuer_dn, subject_dn, "
                        + "sha256, public_key_sha256, not_before, not_after, der, created_at, status_changed_at) VALUES ("
                        + card + ", 'AUTHENTICATION', 'CURRENT', '" + i + "', 'CN=CA', 'CN=A', 'h" + i + "', 'k" + i
                        + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, X'00', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
            try (ResultSet max = s.executeQuery("SELECT MAX(id) FROM certificate")) {
                max.next();
                last = max.getLong(1);
            }
        }
        return last;
    }
}
