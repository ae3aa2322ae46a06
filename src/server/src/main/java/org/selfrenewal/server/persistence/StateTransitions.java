package org.selfrenewal.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * The one place where renewals and certificates change state. Every change is a conditional update
 * ("... WHERE state = expected"): if the row is not in the state the caller expects, nothing is written
 * and {@link IllegalTransitionException} is thrown, so the whole transaction rolls back.
 */
public final class StateTransitions {

    /** A row was not in the state a transition starts from. */
    public static final class IllegalTransitionException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        IllegalTransitionException(String message) {
            super(message);
        }
    }

    /** One certificate's status change: the row by id, if it is in the expected status. */
    static final String CERTIFICATE_STATUS_CHANGE = "UPDATE certificate SET status = ?, status_changed_at = ?, "
            + "revocation_reason = ? WHERE id = ? AND status = ?";

    /** PENDING to CURRENT: a confirmed renewal's new certificate. */
    public void pendingToCurrent(Connection c, long certificateId, Instant now) throws SQLException {
        certificate(c, certificateId, CertificateStatus.PENDING, CertificateStatus.CURRENT, null, now);
    }

    /** CURRENT to SUPERSEDED: the certificate a confirmed renewal replaced. */
    public void currentToSuperseded(Connection c, long certificateId, Instant now) throws SQLException {
        certificate(
                c,
                certificateId,
                CertificateStatus.CURRENT,
                CertificateStatus.SUPERSEDED,
                RevocationReason.SUPERSEDED,
                now);
    }

    /** PENDING to REVOKED: issued by a renewal that did not finish. */
    public void pendingToRevoked(Connection c, long certificateId, Instant now) throws SQLException {
        certificate(
                c,
                certificateId,
                CertificateStatus.PENDING,
                CertificateStatus.REVOKED,
                RevocationReason.CANCELLED_PENDING,
                now);
    }

    /** CURRENT to REVOKED: the RA withdrew the card. */
    public void currentToRevoked(Connection c, long certificateId, RevocationReason reason, Instant now)
            throws SQLException {
        certificate(c, certificateId, CertificateStatus.CURRENT, CertificateStatus.REVOKED, reason, now);
    }

    /** STARTED to ISSUED, recording the new certificates. */
    public void startedToIssued(Connection c, String renewalId, long newAuthenticationCertId, long newSigningCertId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE renewal SET state = 'ISSUED', new_authentication_cert_id = ?, new_signing_cert_id = ? "
                        + "WHERE id = ? AND state = 'STARTED'")) {
            s.setLong(1, newAuthenticationCertId);
            s.setLong(2, newSigningCertId);
            s.setString(3, renewalId);
            expectOne(s.executeUpdate(), "renewal " + renewalId + " STARTED -> ISSUED");
        }
    }

    /** ISSUED to CONFIRMED; the card may start another renewal. */
    public void issuedToConfirmed(Connection c, String renewalId, Instant now) throws SQLException {
        finish(c, renewalId, RenewalPhase.ISSUED, RenewalPhase.CONFIRMED, now);
    }

    /** An open renewal (STARTED or ISSUED, as given) to CANCELLED. */
    public void openToCancelled(Connection c, String renewalId, RenewalPhase from, Instant now) throws SQLException {
        if (!from.isOpen()) {
            throw new IllegalTransitionException("renewal " + renewalId + " " + from + " is not open");
        }
        finish(c, renewalId, from, RenewalPhase.CANCELLED, now);
    }

    private void finish(Connection c, String renewalId, RenewalPhase from, RenewalPhase to, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE renewal SET state = ?, finished_at = ?, open_card_id = NULL WHERE id = ? AND state = ?")) {
            s.setString(1, to.name());
            Timestamps.set(s, 2, now);
            s.setString(3, renewalId);
            s.setString(4, from.name());
            expectOne(s.executeUpdate(), "renewal " + renewalId + " " + from + " -> " + to);
        }
    }

    private void certificate(
            Connection c, long id, CertificateStatus from, CertificateStatus to, RevocationReason reason, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CERTIFICATE_STATUS_CHANGE)) {
            s.setString(1, to.name());
            Timestamps.set(s, 2, now);
            if (reason == null) {
                s.setNull(3, Types.INTEGER);
            } else {
                s.setInt(3, reason.code());
            }
            s.setLong(4, id);
            s.setString(5, from.name());
            expectOne(s.executeUpdate(), "certificate " + id + " " + from + " -> " + to);
        }
    }

    private static void expectOne(int updated, String transition) {
        if (updated != 1) {
            throw new IllegalTransitionException(
                    "refused state change " + transition + ": the row is not in the expected state");
        }
    }
}
