package org.selfrenewal.server.persistence;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit trail's hash chain. Event number n (chain_seq, from 1) stores the hash of event n-1 (64 zeros
 * for the first) and its own row_hash: SHA-256 over n, its fields in a fixed order (each length-prefixed
 * UTF-8, null distinct from empty) and the previous hash. One head row holds the last number and hash.
 * Editing a row breaks its own hash; deleting, inserting or reordering rows breaks the numbering or the
 * link to the previous hash; removing rows at the end disagrees with the head.
 *
 * <p>Whoever can rewrite every row after a change and the head too can forge a consistent chain: keep the
 * head hash that {@code audit verify} prints somewhere else (a ticket, a log shipper) to anchor it.
 */
public final class AuditChain {

    /** The previous hash of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** A place in the chain: an event's number and hash. */
    public record Link(long seq, String hash) {}

    /** The verdict of {@link #verify}: intact, or the first bad event and what is wrong with it. */
    public record Verdict(long events, String headHash, Long badSeq, Long badId, String problem) {
        public boolean intact() {
            return problem == null;
        }

        static Verdict broken(long events, Long seq, Long id, String problem) {
            return new Verdict(events, null, seq, id, problem);
        }

        /** One line for the operator: what is wrong and where, or that the chain is intact. */
        public String describe() {
            if (intact()) {
                return "Audit chain intact: " + events + " events, head hash " + headHash;
            }
            String where = badSeq == null && badId == null
                    ? "the chain head"
                    : "event #" + (badSeq == null ? "?" : badSeq) + " (row id " + (badId == null ? "?" : badId) + ")";
            return "Audit chain broken at " + where + ": " + problem;
        }
    }

    /** Locks the head row until the transaction ends and returns the last link. */
    static Link lockHead(Connection c) throws SQLException {
        PreparedStatement s =
                LockingReads.prepare(c, "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
        try (ResultSet row = s.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the audit chain's head row is missing (migration V3 writes it)");
            }
            return new Link(row.getLong(1), row.getString(2));
        }
    }

    static void moveHead(Connection c, Link link) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            s.setLong(1, link.seq());
            s.setString(2, link.hash());
            if (s.executeUpdate() != 1) {
                throw new SQLException("audit chain head row is missing");
            }
        }
    }

    /** For the migration that introduced the chain: chains the rows {@code ids}, in that order, after the head. */
    public static void chainExisting(Connection c, List<Long> ids) throws SQLException {
        Link last = lockHead(c);
        for (long id : ids) {
            try (PreparedStatement read = c.prepareStatement("SELECT * FROM audit_event WHERE id = ?")) {
                read.setLong(1, id);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    long card = row.getLong("card_id");
                    Long cardId = row.wasNull() ? null : card;
                    long seq = last.seq() + 1;
                    String hash = hash(
                            seq,
                            Timestamps.get(row, "occurred_at"),
                            row.getString("event_type"),
                            row.getString("outcome"),
                            cardId,
                            row.getString("renewal_id"),
                            row.getString("actor"),
                            row.getString("request_id"),
                            row.getString("client_address"),
                            row.getString("detail"),
                            last.hash());
                    try (PreparedStatement write = c.prepareStatement(
                            "UPDATE audit_event SET chain_seq = ?, previous_hash = ?, row_hash = ? WHERE id = ?")) {
                        write.setLong(1, seq);
                        write.setString(2, last.hash());
                        write.setString(3, hash);
                        write.setLong(4, id);
                        write.executeUpdate();
                    }
                    last = new Link(seq, hash);
                }
            }
        }
        moveHead(c, last);
    }

    static String hash(long seq, AuditTrail.Event e, String previousHash) {
        return hash(
                seq,
                e.occurredAt(),
                e.type().name(),
                e.outcome().name(),
                e.cardId(),
                e.renewalId(),
                e.origin().actor(),
                e.origin().requestId(),
                e.origin().clientAddress(),
                e.detail(),
                previousHash);
    }

    /** The row hash over an event's canonical fields, as stored (text as read, not as parsed). */
    static String hash(
            long seq,
            Instant occurredAt,
            String type,
            String outcome,
            Long cardId,
            String renewalId,
            String actor,
            String requestId,
            String clientAddress,
            String detail,
            String previousHash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(seq);
            field(out, occurredAt == null ? null : occurredAt.toString());
            field(out, type);
            field(out, outcome);
            field(out, cardId == null ? null : Long.toString(cardId));
            field(out, renewalId);
            field(out, actor);
            field(out, requestId);
            field(out, clientAddress);
            field(out, detail);
            field(out, previousHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /**
     * Walks the whole chain in order and returns the first event that is not where and what the chain says
     * it should be. Reads the rows as stored, so a row an insider wrote by hand is judged, never trusted.
     */
    public static Verdict verify(Connection c) throws SQLException {
        long expectedSeq = 1;
        String previousHash = GENESIS;
        long previousId = Long.MIN_VALUE;
        long events = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM audit_event ORDER BY chain_seq, id");
                ResultSet row = s.executeQuery()) {
            while (row.next()) {
                long id = row.getLong("id");
                long seq = row.getLong("chain_seq");
                Long seqOrNull = row.wasNull() ? null : seq;
                if (seqOrNull == null) {
                    return Verdict.broken(events, null, id, "it has no place in the chain (chain_seq is empty)");
                }
                if (seq < expectedSeq) {
                    return Verdict.broken(events, seq, id, "a second event numbered " + seq + " (a row was inserted)");
                }
                if (seq > expectedSeq) {
                    return Verdict.broken(
                            events,
                            seq,
                            id,
                            "event"
                                    + (seq - expectedSeq > 1
                                            ? "s #" + expectedSeq + " to #" + (seq - 1)
                                            : " #" + expectedSeq)
                                    + " before it " + (seq - expectedSeq > 1 ? "are" : "is") + " missing (deleted)");
                }
                if (id <= previousId) {
                    return Verdict.broken(
                            events,
                            seq,
                            id,
                            "its row id " + id + " is not after the previous event's " + previousId
                                    + " (rows were reordered)");
                }
                String storedPrevious = row.getString("previous_hash");
                if (!previousHash.equals(storedPrevious)) {
                    return Verdict.broken(
                            events,
                            seq,
                            id,
                            "it does not follow the event before it: its previous hash is not that event's hash "
                                    + "(a row before it was deleted, inserted, reordered or changed)");
                }
                long card = row.getLong("card_id");
                Long cardId = row.wasNull() ? null : card;
                String computed = hash(
                        seq,
                        Timestamps.get(row, "occurred_at"),
                        row.getString("event_type"),
                        row.getString("outcome"),
                        cardId,
                        row.getString("renewal_id"),
                        row.getString("actor"),
                        row.getString("request_id"),
                        row.getString("client_address"),
                        row.getString("detail"),
                        storedPrevious);
                if (!computed.equals(row.getString("row_hash"))) {
                    return Verdict.broken(events, seq, id, "its content was changed: the fields do not match its hash");
                }
                previousHash = computed;
                previousId = id;
                expectedSeq++;
                events++;
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1");
                ResultSet row = s.executeQuery()) {
            Link head = row.next() ? new Link(row.getLong(1), row.getString(2)) : new Link(0, GENESIS);
            if (head.seq() != events || !head.hash().equals(previousHash)) {
                if (head.seq() > events) {
                    return Verdict.broken(
                            events,
                            events + 1,
                            null,
                            "the chain head says " + head.seq() + " events, the table ends at #" + events
                                    + " (the last rows were deleted)");
                }
                return Verdict.broken(
                        events,
                        events == 0 ? null : events,
                        null,
                        "the chain head (" + head.seq() + " events, hash " + head.hash()
                                + ") does not match the last event (a row was appended or changed by hand)");
            }
            return new Verdict(events, previousHash, null, null, null);
        }
    }
}
