package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only, hash-chained record of every step of every renewal, every refusal and every RA action.
 * Each event is appended after the chain's head row is locked, so writers from any number of server
 * processes append one after another; {@link AuditChain#verify} finds an edited, deleted, inserted or
 * reordered row.
 */
public final class AuditTrail {

    static final int MAX_DETAIL = 2000;

    /** What an audit event says about the step it records. */
    public enum Outcome {
        OK,
        REFUSED,
        ERROR
    }

    /** One recorded event. */
    public record Event(
            Instant occurredAt,
            AuditEventType type,
            Outcome outcome,
            Long cardId,
            String renewalId,
            AuditOrigin origin,
            String detail) {

        public Event {
            // the database keeps microseconds: hash what it will give back
            occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
            detail = detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
            origin = origin == null ? new AuditOrigin(null, null, null) : origin;
        }
    }

    /** Appends {@code e} to the chain inside the caller's transaction (holding the head's lock until it ends). */
    public void record(Connection c, Event e) throws SQLException {
        AuditChain.Link head = AuditChain.lockHead(c);
        long seq = head.seq() + 1;
        String hash = AuditChain.hash(seq, e, head.hash());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (occurred_at, event_type, outcome, "
                + "card_id, renewal_id, actor, request_id, client_address, detail, chain_seq, previous_hash, "
                + "row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Timestamps.set(s, 1, e.occurredAt());
            s.setString(2, e.type().name());
            s.setString(3, e.outcome().name());
            if (e.cardId() == null) {
                s.setNull(4, Types.BIGINT);
            } else {
                s.setLong(4, e.cardId());
            }
            s.setString(5, e.renewalId());
            s.setString(6, e.origin().actor());
            s.setString(7, e.origin().requestId());
            s.setString(8, e.origin().clientAddress());
            s.setString(9, e.detail());
            s.setLong(10, seq);
            s.setString(11, head.hash());
            s.setString(12, hash);
            s.executeUpdate();
        }
        AuditChain.moveHead(c, new AuditChain.Link(seq, hash));
    }

    /** All events in chain order (for the RA's view and the tests). */
    public List<Event> all(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM audit_event ORDER BY chain_seq");
                ResultSet row = s.executeQuery()) {
            List<Event> events = new ArrayList<>();
            while (row.next()) {
                events.add(read(row));
            }
            return events;
        }
    }

    static Event read(ResultSet row) throws SQLException {
        long card = row.getLong("card_id");
        Long cardId = row.wasNull() ? null : card;
        return new Event(
                Timestamps.get(row, "occurred_at"),
                AuditEventType.valueOf(row.getString("event_type")),
                Outcome.valueOf(row.getString("outcome")),
                cardId,
                row.getString("renewal_id"),
                new AuditOrigin(row.getString("actor"), row.getString("request_id"), row.getString("client_address")),
                row.getString("detail"));
    }
}
