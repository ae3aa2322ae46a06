package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/** Cards registered by the RA. */
public final class CardRepository {

    public long insert(Connection c, String holderName, String userId, String tokenSerial, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO card (holder_name, user_id, token_serial, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, holderName);
            s.setString(2, userId);
            s.setString(3, tokenSerial);
            Timestamps.set(s, 4, now);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Locks the card's row until the transaction ends. Every renewal step and every RA action on a card
     * takes this lock first, so steps of one card run one after another on H2 and PostgreSQL alike.
     *
     * @return false if there is no such card
     */
    public boolean lock(Connection c, long cardId) throws SQLException {
        PreparedStatement s = LockingReads.prepare(c, "SELECT id FROM card WHERE id = ? FOR UPDATE");
        s.setLong(1, cardId);
        try (ResultSet row = s.executeQuery()) {
            return row.next();
        }
    }
}
