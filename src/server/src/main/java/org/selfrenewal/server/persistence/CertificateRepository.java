package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.selfrenewal.protocol.CredentialPurpose;

/** Certificates this server issued. */
public final class CertificateRepository {

    /** Stores a new certificate and returns it with its id. */
    public CertificateRecord insert(Connection c, NewCertificate n, CertificateStatus status, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO certificate (card_id, purpose, status, serial_hex, issuer_dn, subject_dn, sha256, "
                        + "public_key_sha256, not_before, not_after, der, issued_by_renewal, created_at, "
                        + "status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, n.cardId());
            s.setString(2, n.purpose().name());
            s.setString(3, status.name());
            s.setString(4, n.serialHex());
            s.setString(5, n.issuerDn());
            s.setString(6, n.subjectDn());
            s.setString(7, n.sha256());
            s.setString(8, n.publicKeySha256());
            Timestamps.set(s, 9, n.notBefore());
            Timestamps.set(s, 10, n.notAfter());
            s.setBytes(11, n.der());
            s.setString(12, n.issuedByRenewal());
            Timestamps.set(s, 13, now);
            Timestamps.set(s, 14, now);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return new CertificateRecord(id, n.cardId(), n.purpose(), status, n.serialHex(), n.issuerDn(),
                        n.subjectDn(), n.sha256(), n.publicKeySha256(), n.notBefore(), n.notAfter(), n.der(),
                        n.issuedByRenewal());
            }
        }
    }

    public Optional<CertificateRecord> findBySha256(Connection c, String sha256) throws SQLException {
        return findOne(c, "SELECT * FROM certificate WHERE sha256 = ?", sha256);
    }

    public Optional<CertificateRecord> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM certificate WHERE id = ?")) {
            s.setLong(1, id);
            return first(s);
        }
    }

    /** Every certificate of a card, oldest first. */
    public List<CertificateRecord> findByCard(Connection c, long cardId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM certificate WHERE card_id = ? ORDER BY id")) {
            s.setLong(1, cardId);
            try (ResultSet row = s.executeQuery()) {
                List<CertificateRecord> all = new ArrayList<>();
                while (row.next()) {
                    all.add(read(row));
                }
                return all;
            }
        }
    }

    /** Whether any certificate we issued carries this public key. */
    public boolean publicKeyKnown(Connection c, String publicKeySha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM certificate WHERE public_key_sha256 = ?")) {
            s.setString(1, publicKeySha256);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        }
    }

    public void setStatus(Connection c, long id, CertificateStatus status, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE certificate SET status = ?, status_changed_at = ? WHERE id = ?")) {
            s.setString(1, status.name());
            Timestamps.set(s, 2, now);
            s.setLong(3, id);
            s.executeUpdate();
        }
    }

    private Optional<CertificateRecord> findOne(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            return first(s);
        }
    }

    private static Optional<CertificateRecord> first(PreparedStatement s) throws SQLException {
        try (ResultSet row = s.executeQuery()) {
            return row.next() ? Optional.of(read(row)) : Optional.empty();
        }
    }

    private static CertificateRecord read(ResultSet row) throws SQLException {
        return new CertificateRecord(row.getLong("id"), row.getLong("card_id"),
                CredentialPurpose.valueOf(row.getString("purpose")),
                CertificateStatus.valueOf(row.getString("status")), row.getString("serial_hex"),
                row.getString("issuer_dn"), row.getString("subject_dn"), row.getString("sha256"),
                row.getString("public_key_sha256"), Timestamps.get(row, "not_before"),
                Timestamps.get(row, "not_after"), row.getBytes("der"), row.getString("issued_by_renewal"));
    }

    /** What is known about a certificate before it is stored. */
    public record NewCertificate(long cardId, CredentialPurpose purpose, String serialHex, String issuerDn,
                                 String subjectDn, String sha256, String publicKeySha256, Instant notBefore,
                                 Instant notAfter, byte[] der, String issuedByRenewal) {
    }
}
