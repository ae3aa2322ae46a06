package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Renewal attempts. */
public final class RenewalRepository {

    public void insert(Connection c, RenewalRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO renewal (id, card_id, state, challenge, old_authentication_cert_id, "
                        + "old_signing_cert_id, started_at, expires_at, open_card_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.id());
            s.setLong(2, r.cardId());
            s.setString(3, r.state().name());
            s.setString(4, r.challenge());
            s.setLong(5, r.oldAuthenticationCertId());
            s.setLong(6, r.oldSigningCertId());
            Timestamps.set(s, 7, r.startedAt());
            Timestamps.set(s, 8, r.expiresAt());
            s.setLong(9, r.cardId());
            s.executeUpdate();
        }
    }

    /** Reads a renewal and locks its row until the transaction ends, so steps of one renewal never race. */
    public Optional<RenewalRecord> findForUpdate(Connection c, String id) throws SQLException {
        PreparedStatement s = LockingReads.prepare(c, "SELECT * FROM renewal WHERE id = ? FOR UPDATE");
        s.setString(1, id);
        try (ResultSet row = s.executeQuery()) {
            return row.next() ? Optional.of(read(row)) : Optional.empty();
        }
    }

    /** Reads a renewal without locking it (to find which card to lock first). */
    public Optional<RenewalRecord> find(Connection c, String id) throws SQLException {
        List<RenewalRecord> found = query(c, "SELECT * FROM renewal WHERE id = ?", s -> s.setString(1, id));
        return found.stream().findFirst();
    }

    /** Open (started or issued) renewals of a card: at most one, the database allows no more. */
    public List<RenewalRecord> findOpenByCard(Connection c, long cardId) throws SQLException {
        return query(
                c,
                "SELECT * FROM renewal WHERE card_id = ? AND state IN (" + RenewalPhase.openSqlList()
                        + ") ORDER BY started_at",
                s -> s.setLong(1, cardId));
    }

    /** Open renewals whose time ran out before {@code now}. */
    public List<RenewalRecord> findOpenExpiredBefore(Connection c, Instant now) throws SQLException {
        return query(
                c,
                "SELECT * FROM renewal WHERE state IN (" + RenewalPhase.openSqlList() + ") AND expires_at < ?",
                s -> Timestamps.set(s, 1, now));
    }

    private static List<RenewalRecord> query(Connection c, String sql, Rows.Binder binder) throws SQLException {
        return Rows.list(c, sql, binder, RenewalRepository::read);
    }

    private static RenewalRecord read(ResultSet row) throws SQLException {
        return new RenewalRecord(
                row.getString("id"),
                row.getLong("card_id"),
                RenewalPhase.valueOf(row.getString("state")),
                row.getString("challenge"),
                row.getLong("old_authentication_cert_id"),
                row.getLong("old_signing_cert_id"),
                nullableLong(row, "new_authentication_cert_id"),
                nullableLong(row, "new_signing_cert_id"),
                Timestamps.get(row, "started_at"),
                Timestamps.get(row, "expires_at"),
                Timestamps.get(row, "finished_at"));
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
