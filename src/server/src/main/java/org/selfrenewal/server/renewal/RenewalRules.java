package org.selfrenewal.server.renewal;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.selfrenewal.ca.IssuanceRefusedException;
import org.selfrenewal.ca.UnacceptablePublicKeyException;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.RenewalPhase;
import org.selfrenewal.server.persistence.RenewalRecord;

/**
 * Every way a renewal can be refused, one named rule each (the names are {@link RefusalReason}'s). Each
 * rule returns normally when satisfied and throws a {@link RenewalRefusal} naming its reason when not.
 */
final class RenewalRules {

    private RenewalRules() {}

    /** fail/not-issued-by-us: we keep every certificate we issue; anything else is foreign. */
    static void issuedByUs(
            CertificateRecord known, X509Certificate presented, CertificateIssuer issuer, CredentialPurpose purpose) {
        if (known == null || !issuer.isIssuedByUs(presented, known.purpose())) {
            throw RenewalRefusal.of(
                    RefusalReason.NOT_ISSUED_BY_US,
                    purpose.plainName() + " certificate " + presented.getSubjectX500Principal() + " serial "
                            + presented.getSerialNumber().toString(16) + " was not issued by this service");
        }
    }

    /** fail/wrong-purpose: the certificate presented as authentication must be the card's authentication one. */
    static void hasPurpose(CertificateRecord known, CredentialPurpose purpose) {
        if (known.purpose() != purpose) {
            throw RenewalRefusal.of(
                            RefusalReason.WRONG_PURPOSE,
                            "certificate " + known.serialHex() + " is a " + known.purpose()
                                    + " certificate, presented as " + purpose)
                    .forCard(known.cardId());
        }
    }

    /** fail/two-cards: both certificates belong to one card. */
    static void sameCard(CertificateRecord authentication, CertificateRecord signing) {
        if (authentication.cardId() != signing.cardId()) {
            throw RenewalRefusal.of(
                    RefusalReason.DIFFERENT_CARDS,
                    "certificates belong to cards " + authentication.cardId() + " and " + signing.cardId());
        }
    }

    /** fail/superseded, fail/revoked, fail/pending: only the card's current certificates can be renewed. */
    static void current(CertificateRecord known) {
        switch (known.status()) {
            case CURRENT -> {}
            case SUPERSEDED -> throw RenewalRefusal.of(
                            RefusalReason.SUPERSEDED, "certificate " + known.serialHex() + " was already renewed")
                    .forCard(known.cardId());
            case REVOKED -> throw RenewalRefusal.of(
                            RefusalReason.REVOKED, "certificate " + known.serialHex() + " is revoked")
                    .forCard(known.cardId());
            case PENDING -> throw RenewalRefusal.of(
                            RefusalReason.PENDING,
                            "certificate " + known.serialHex() + " belongs to a renewal that was never confirmed")
                    .forCard(known.cardId());
        }
    }

    /** fail/not-due, fail/expired: the card's earliest expiry is in the next 90 days and not past. */
    static void due(Eligibility eligibility, long cardId) {
        switch (eligibility.status()) {
            case DUE -> {}
            case NOT_YET_DUE -> throw RenewalRefusal.of(
                            RefusalReason.NOT_DUE,
                            "expires " + eligibility.notAfter() + ", window opens " + eligibility.renewalOpensAt())
                    .with(eligibility)
                    .forCard(cardId);
            case EXPIRED -> throw RenewalRefusal.of(RefusalReason.EXPIRED, "expired " + eligibility.notAfter())
                    .with(eligibility)
                    .forCard(cardId);
        }
    }

    /** fail/in-progress: a renewal past its proof is not handed out again; the card waits for it to end. */
    static RenewalRefusal inProgress(RenewalRecord open, Duration left) {
        return RenewalRefusal.of(
                        RefusalReason.RENEWAL_IN_PROGRESS,
                        "renewal " + open.id() + " is " + open.state() + " until " + open.expiresAt())
                .retryAfter(left)
                .forCard(open.cardId());
    }

    /** fail/too-many-starts: at most a few new renewals of one card a minute. */
    static void startsAllowed(Duration wait, long cardId) {
        if (!wait.isZero()) {
            throw RenewalRefusal.of(RefusalReason.TOO_MANY_STARTS, "too many new renewals for this card")
                    .retryAfter(wait)
                    .forCard(cardId);
        }
    }

    /** fail/not-open: the renewal is in the state this step continues from. */
    static void inState(RenewalRecord renewal, RenewalPhase expected) {
        if (renewal.state() != expected) {
            throw RenewalRefusal.of(
                            RefusalReason.RENEWAL_NOT_OPEN, "renewal is " + renewal.state() + ", expected " + expected)
                    .forCard(renewal.cardId());
        }
    }

    /** fail/timed-out: the renewal's time has not run out. */
    static void inTime(RenewalRecord renewal, Instant now) {
        if (now.isAfter(renewal.expiresAt())) {
            throw RenewalRefusal.of(RefusalReason.TIMED_OUT, "renewal expired at " + renewal.expiresAt())
                    .forCard(renewal.cardId());
        }
    }

    /**
     * fail/possession (forged, relayed, over other requests): the current authentication key made this
     * proof for this renewal and challenge. A refused proof changes nothing: whoever sent it may not hold
     * the card.
     */
    static void possessionProven(
            Proof proof, X509Certificate currentAuthentication, RenewalRecord renewal, long cardId) {
        if (!proof.madeBy(currentAuthentication, renewal.id(), renewal.challenge())) {
            throw RenewalRefusal.of(
                            RefusalReason.POSSESSION_NOT_PROVEN,
                            "the proof does not verify with the current authentication key over this renewal")
                    .forCard(cardId);
        }
    }

    /**
     * fail/weak-key (size, exponent, ROCA, not RSA), fail/bad-request-signature: the CA's one key and
     * request policy.
     */
    static void acceptableRequest(NewKeyRequest request, CredentialPurpose purpose, long cardId) {
        try {
            request.checkPolicy();
        } catch (UnacceptablePublicKeyException e) {
            throw RenewalRefusal.of(
                            RefusalReason.KEY_NOT_ACCEPTED,
                            "the new " + purpose.plainName() + " key: " + e.getMessage())
                    .forCard(cardId);
        } catch (IssuanceRefusedException e) {
            throw RenewalRefusal.of(
                            RefusalReason.REQUEST_NOT_ACCEPTED,
                            "the " + purpose.plainName() + " request: " + e.getMessage())
                    .forCard(cardId);
        }
    }

    /** fail/issuance-cap: at most a few renewals of one card issue certificates in one renewal window. */
    static void underIssuanceCap(int renewalsThatIssued, int cap, long cardId) {
        if (renewalsThatIssued >= cap) {
            throw RenewalRefusal.of(
                            RefusalReason.ISSUANCE_CAP_REACHED,
                            renewalsThatIssued
                                    + " renewals of this card already issued certificates in this renewal window (cap "
                                    + cap + ")")
                    .forCard(cardId);
        }
    }

    /** fail/key-reused: a renewal brings new keys, never one we certified before, and not the same key twice. */
    static void freshKey(boolean seenBefore, CredentialPurpose purpose, long cardId) {
        if (seenBefore) {
            throw RenewalRefusal.of(
                            RefusalReason.KEY_REUSED,
                            "the new " + purpose.plainName() + " key was certified before or is used twice")
                    .forCard(cardId);
        }
    }

    /** fail/confirmation: the NEW authentication key signed the confirmation. */
    static void confirmedByNewKey(Proof proof, X509Certificate newAuthentication, RenewalRecord renewal) {
        if (!proof.madeBy(newAuthentication, renewal.id(), renewal.challenge())) {
            throw RenewalRefusal.of(
                            RefusalReason.CONFIRMATION_NOT_PROVEN,
                            "confirmation signature does not verify with the new authentication key")
                    .forCard(renewal.cardId());
        }
    }

    /** fail/cancellation: only the current card key can cancel a renewal. */
    static void cancelledByCurrentKey(Proof proof, X509Certificate currentAuthentication, RenewalRecord renewal) {
        if (!proof.madeBy(currentAuthentication, renewal.id(), renewal.challenge())) {
            throw RenewalRefusal.of(
                            RefusalReason.CANCELLATION_NOT_PROVEN,
                            "cancellation signature does not verify with the current authentication key")
                    .forCard(renewal.cardId());
        }
    }
}
