package org.selfrenewal.server.renewal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.selfrenewal.server.persistence.AuditEventType;
import org.selfrenewal.server.persistence.AuditOrigin;
import org.selfrenewal.server.persistence.AuditTrail;
import org.selfrenewal.server.persistence.RenewalRecord;
import org.selfrenewal.server.persistence.StateTransitions;

/**
 * Cancels an open renewal inside the caller's transaction: the certificates it issued (still pending)
 * are revoked, the renewal is closed and the cancellation audited. Used by the renewal steps, the
 * timeout sweep and the RA's revocation alike.
 */
public final class RenewalCancellation {

    private final StateTransitions transitions = new StateTransitions();
    private final AuditTrail audit = new AuditTrail();

    public void cancel(Connection c, RenewalRecord renewal, String why, Instant now, AuditOrigin origin)
            throws SQLException {
        for (Long issued : new Long[] {renewal.newAuthenticationCertId(), renewal.newSigningCertId()}) {
            if (issued != null) {
                transitions.pendingToRevoked(c, issued, now);
            }
        }
        transitions.openToCancelled(c, renewal.id(), renewal.state(), now);
        audit.record(
                c,
                new AuditTrail.Event(
                        now,
                        AuditEventType.RENEWAL_CANCELLED,
                        AuditTrail.Outcome.OK,
                        renewal.cardId(),
                        renewal.id(),
                        origin,
                        why + (renewal.newAuthenticationCertId() != null ? "; pending certificates revoked" : "")));
    }
}
