package org.selfrenewal.server.renewal;

import java.net.URI;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.Database;
import org.selfrenewal.server.persistence.RenewalRecord;
import org.selfrenewal.server.persistence.RenewalRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the card holder's application how one of its renewals stands, so that after an interrupted run it can
 * finish the renewal (confirmed: install and finish, never roll back) or undo it. Read only. The card vouches
 * for the question: a signature over {@link SignedMessages#stateQuery} by the renewal's old or new
 * authentication key, naming this service. Whoever cannot make that signature gets the same answer as for a
 * renewal that does not exist ({@link ErrorCode#RENEWAL_NOT_FOUND}), so learns nothing, not even whether the
 * renewal exists.
 */
final class RenewalStateQuery {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalStateQuery.class);

    private final Database database;
    private final Clock clock;
    private final URI service;
    private final RenewalRepository renewals = new RenewalRepository();
    private final CertificateRepository certificates = new CertificateRepository();

    RenewalStateQuery(Database database, Clock clock, URI service) {
        this.database = database;
        this.clock = clock;
        this.service = service;
    }

    RenewalStatus state(String renewalId, RenewalStateRequest request) {
        if (service == null) {
            throw new IllegalStateException("this server has no public URL configured: no question can be checked");
        }
        byte[] certificateDer;
        byte[] signature;
        try {
            certificateDer = CertificateCodec.unbase64(request.authenticationCertificate());
            signature = CertificateCodec.unbase64(request.signature());
        } catch (RuntimeException e) {
            throw RenewalRefusal.of(ErrorCode.BAD_REQUEST, "renewal state question could not be read");
        }
        return database.inTransaction(c -> {
            RenewalRecord renewal = renewals.find(c, renewalId).orElseThrow(() -> unknown(renewalId, "no renewal"));
            CertificateRecord presented = authenticationCertificateOf(c, renewal, certificateDer);
            X509Certificate certificate = CertificateCodec.parse(presented.der());
            byte[] message = SignedMessages.stateQuery(service, renewalId, renewal.challenge(), certificateDer);
            if (!RenewalRules.verifies(certificate.getPublicKey(), message, signature)) {
                throw unknown(renewalId, "signature does not verify");
            }
            boolean expired = renewal.state().isOpen() && clock.instant().isAfter(renewal.expiresAt());
            boolean issued = renewal.newAuthenticationCertId() != null && renewal.newSigningCertId() != null;
            LOG.info("Renewal {} of card {} asked for its state: {}", renewalId, renewal.cardId(), renewal.state());
            return new RenewalStatus(
                    renewalId,
                    renewal.state(),
                    expired,
                    renewal.expiresAt(),
                    issued ? base64(c, renewal.newAuthenticationCertId()) : null,
                    issued ? base64(c, renewal.newSigningCertId()) : null);
        });
    }

    /** The renewal's old or new authentication certificate, if that is what was presented. */
    private CertificateRecord authenticationCertificateOf(Connection c, RenewalRecord renewal, byte[] presented)
            throws SQLException {
        for (Long id : new Long[] {renewal.oldAuthenticationCertId(), renewal.newAuthenticationCertId()}) {
            if (id != null) {
                CertificateRecord record = certificates.find(c, id).orElse(null);
                if (record != null && MessageDigest.isEqual(record.der(), presented)) {
                    return record;
                }
            }
        }
        throw unknown(renewal.id(), "certificate is not this renewal's");
    }

    private String base64(Connection c, long certificateId) throws SQLException {
        return CertificateCodec.base64(certificates
                .find(c, certificateId)
                .orElseThrow(() -> new IllegalStateException("certificate " + certificateId + " missing"))
                .der());
    }

    private static RenewalRefusal unknown(String renewalId, String why) {
        return RenewalRefusal.of(ErrorCode.RENEWAL_NOT_FOUND, "state of renewal " + renewalId + " not told: " + why);
    }
}
