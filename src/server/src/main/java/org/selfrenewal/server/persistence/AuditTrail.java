package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An append-only record of every step of every renewal and RA action, kept in the database. */
public final class AuditTrail {

    /** What an audit event says about the step it records. */
    public enum Outcome {
        OK,
        REFUSED,
        ERROR
    }

    /** One recorded event. */
    public record Event(
            Instant occurredAt, String type, Outcome outcome, Long cardId, String renewalId, String detail) {}

    public void record(Connection c, Event e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_event (occurred_at, event_type, outcome, card_id, renewal_id, detail) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            Timestamps.set(s, 1, e.occurredAt());
            s.setString(2, e.type());
            s.setString(3, e.outcome().name());
            if (e.cardId() == null) {
                s.setNull(4, Types.BIGINT);
            } else {
                s.setLong(4, e.cardId());
            }
            s.setString(5, e.renewalId());
            String detail = e.detail();
            s.setString(6, detail != null && detail.length() > 2000 ? detail.substring(0, 2000) : detail);
            s.executeUpdate();
        }
    }

    /** All events, oldest first (for the RA's view and the tests). */
    public List<Event> all(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM audit_event ORDER BY id");
                ResultSet row = s.executeQuery()) {
            List<Event> events = new ArrayList<>();
            while (row.next()) {
                long card = row.getLong("card_id");
                Long cardId = row.wasNull() ? null : card;
                events.add(new Event(
                        Timestamps.get(row, "occurred_at"),
                        row.getString("event_type"),
                        Outcome.valueOf(row.getString("outcome")),
                        cardId,
                        row.getString("renewal_id"),
                        row.getString("detail")));
            }
            return events;
        }
    }
}
