package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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
                return new CertificateRecord(
                        id,
                        n.cardId(),
                        n.purpose(),
                        status,
                        n.serialHex(),
                        n.issuerDn(),
                        n.subjectDn(),
                        n.sha256(),
                        n.publicKeySha256(),
                        n.notBefore(),
                        n.notAfter(),
                        n.der(),
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
        return Rows.list(
                c,
                "SELECT * FROM certificate WHERE card_id = ? ORDER BY id",
                s -> s.setLong(1, cardId),
                CertificateRepository::read);
    }

    /** Whether any certificate we issued carries this public key. */
    public boolean publicKeyKnown(Connection c, String publicKeySha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM certificate WHERE public_key_sha256 = ?")) {
            s.setString(1, publicKeySha256);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        }
    }

    /**
     * How many renewals of this card issued certificates since {@code since} (confirmed or not): the
     * issuance cap counts them.
     */
    public int renewalsThatIssuedSince(Connection c, long cardId, Instant since) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(DISTINCT issued_by_renewal) FROM certificate "
                + "WHERE card_id = ? AND issued_by_renewal IS NOT NULL AND created_at >= ?")) {
            s.setLong(1, cardId);
            Timestamps.set(s, 2, since);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** A certificate's status as a CRL or OCSP answer needs it. */
    public record Revocation(String serialHex, CertificateStatus status, Instant changedAt, Integer reason) {
        public boolean revoked() {
            return status == CertificateStatus.SUPERSEDED || status == CertificateStatus.REVOKED;
        }
    }

    /** Every superseded or revoked certificate from one issuer, for its CRL. */
    public List<Revocation> revokedBy(Connection c, String issuerDn) throws SQLException {
        return Rows.list(
                c,
                "SELECT serial_hex, status, status_changed_at, revocation_reason FROM certificate "
                        + "WHERE issuer_dn = ? AND status IN ('SUPERSEDED', 'REVOKED') ORDER BY id",
                s -> s.setString(1, issuerDn),
                CertificateRepository::revocation);
    }

    /** One certificate's status by issuer and serial, for OCSP. */
    public Optional<Revocation> status(Connection c, String issuerDn, String serialHex) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT serial_hex, status, status_changed_at, "
                + "revocation_reason FROM certificate WHERE issuer_dn = ? AND serial_hex = ?")) {
            s.setString(1, issuerDn);
            s.setString(2, serialHex);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? Optional.of(revocation(row)) : Optional.empty();
            }
        }
    }

    private static Revocation revocation(ResultSet row) throws SQLException {
        int reason = row.getInt("revocation_reason");
        Integer reasonCode = row.wasNull() ? null : reason;
        return new Revocation(
                row.getString("serial_hex"),
                CertificateStatus.valueOf(row.getString("status")),
                Timestamps.get(row, "status_changed_at"),
                reasonCode);
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
        return new CertificateRecord(
                row.getLong("id"),
                row.getLong("card_id"),
                CredentialPurpose.valueOf(row.getString("purpose")),
                CertificateStatus.valueOf(row.getString("status")),
                row.getString("serial_hex"),
                row.getString("issuer_dn"),
                row.getString("subject_dn"),
                row.getString("sha256"),
                row.getString("public_key_sha256"),
                Timestamps.get(row, "not_before"),
                Timestamps.get(row, "not_after"),
                row.getBytes("der"),
                row.getString("issued_by_renewal"));
    }

    /** What is known about a certificate before it is stored. */
    public record NewCertificate(
            long cardId,
            CredentialPurpose purpose,
            String serialHex,
            String issuerDn,
            String subjectDn,
            String sha256,
            String publicKeySha256,
            Instant notBefore,
            Instant notAfter,
            byte[] der,
            String issuedByRenewal) {}
}
