package org.selfrenewal.server.renewal;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.RenewalRecord;
import org.selfrenewal.server.persistence.RenewalRepository;

/**
 * How one renewal stands, for a client finishing or undoing an interrupted run. Read only. The card vouches
 * for the question: a proof by the renewal's old or new authentication key (the certificate presented must
 * be one of those two). Whoever cannot make that proof gets the same refusal as for a renewal that does not
 * exist ({@link RefusalReason#UNKNOWN_RENEWAL}), so learns nothing, not even whether the renewal exists.
 */
final class RenewalStateQuery {

    private final RenewalRepository renewals = new RenewalRepository();
    private final CertificateRepository certificates = new CertificateRepository();

    RenewalCore.Standing standing(
            Connection c, String renewalId, X509Certificate presented, Proof byCardKey, Instant now)
            throws SQLException {
        RenewalRecord renewal = renewals.find(c, renewalId).orElseThrow(() -> notTold(renewalId, "no renewal"));
        X509Certificate signer = authenticationCertificateOf(c, renewal, CertificateCodec.fingerprint(presented));
        if (!byCardKey.madeBy(signer, renewalId, renewal.challenge())) {
            throw notTold(renewalId, "the question is not signed by that certificate's key for this renewal");
        }
        boolean issued = renewal.newAuthenticationCertId() != null && renewal.newSigningCertId() != null;
        return new RenewalCore.Standing(
                renewalId,
                renewal.cardId(),
                renewal.state(),
                renewal.state().isOpen() && now.isAfter(renewal.expiresAt()),
                renewal.expiresAt(),
                issued ? parse(c, renewal.newAuthenticationCertId()) : null,
                issued ? parse(c, renewal.newSigningCertId()) : null);
    }

    /** The renewal's old or new authentication certificate, if that is what was presented. */
    private X509Certificate authenticationCertificateOf(Connection c, RenewalRecord renewal, String presentedSha256)
            throws SQLException {
        for (Long id : new Long[] {renewal.oldAuthenticationCertId(), renewal.newAuthenticationCertId()}) {
            if (id != null) {
                CertificateRecord record = certificates.find(c, id).orElse(null);
                if (record != null && record.sha256().equals(presentedSha256)) {
                    return CertificateCodec.parse(record.der());
                }
            }
        }
        throw notTold(renewal.id(), "the certificate is not this renewal's authentication certificate");
    }

    private X509Certificate parse(Connection c, long certificateId) throws SQLException {
        return CertificateCodec.parse(certificates
                .find(c, certificateId)
                .orElseThrow(() -> new IllegalStateException("certificate " + certificateId + " missing"))
                .der());
    }

    private static RenewalRefusal notTold(String renewalId, String why) {
        return RenewalRefusal.of(RefusalReason.UNKNOWN_RENEWAL, "state of renewal " + renewalId + " not told: " + why);
    }
}
