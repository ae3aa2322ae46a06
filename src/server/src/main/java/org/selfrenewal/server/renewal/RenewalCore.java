package org.selfrenewal.server.renewal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.RenewalWindow;
import org.selfrenewal.server.limits.RateLimiter;
import org.selfrenewal.server.persistence.AuditEventType;
import org.selfrenewal.server.persistence.AuditOrigin;
import org.selfrenewal.server.persistence.AuditTrail;
import org.selfrenewal.server.persistence.CardRepository;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRecords;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;
import org.selfrenewal.server.persistence.Database;
import org.selfrenewal.server.persistence.RenewalPhase;
import org.selfrenewal.server.persistence.RenewalRecord;
import org.selfrenewal.server.persistence.RenewalRepository;
import org.selfrenewal.server.persistence.StateTransitions;
import org.selfrenewal.server.persistence.SweepLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one renewal core behind every front door (today the JSON API; standard CMP key update and EST
 * re-enrolment later): start, certificate requests, confirmation, cancellation and the timeout sweep.
 * It takes certificates, key requests and proofs, never a protocol's encoding, and refuses with a
 * {@link RefusalReason}. The server trusts nothing the client says about eligibility: every step re-checks
 * the rules in {@link RenewalRules} against its own records and clock, in one transaction. A refusal rolls
 * the step back, then is audited (and, where its reason says so, cancels the renewal).
 */
public final class RenewalCore {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalCore.class);

    /** How many renewals of one card may issue certificates within one renewal window (90 days). */
    public static final int ISSUANCE_CAP_PER_WINDOW = 3;

    /** A renewal handed out: its id, the challenge its proofs must name, and when its time runs out. */
    public record Started(String renewalId, String challenge, Instant expiresAt) {}

    /** Two new certificates, PENDING until confirmed, with their issuing chains (issuing CA, then root). */
    public record Issued(
            X509Certificate authentication,
            X509Certificate signing,
            List<X509Certificate> authenticationChain,
            List<X509Certificate> signingChain) {}

    /**
     * How a renewal stands, for its card after an interrupted run: its phase, whether its time ran out while
     * open, and the certificates it issued (null before it issued).
     */
    public record Standing(
            String renewalId,
            long cardId,
            RenewalPhase phase,
            boolean expired,
            Instant expiresAt,
            X509Certificate newAuthentication,
            X509Certificate newSigning) {}

    /** What one node's timeout sweep did: whether it held the sweep lease, and how many renewals it cancelled. */
    public record Sweep(boolean ran, int cancelled) {}

    private final Database database;
    private final CertificateIssuer issuer;
    private final Clock clock;
    private final Duration renewalTimeout;
    private final RenewalWindow window;
    private final String node = "node-" + UUID.randomUUID();
    private final CertificateRepository certificates = new CertificateRepository();
    private final RenewalRepository renewals = new RenewalRepository();
    private final CardRepository cards = new CardRepository();
    private final StateTransitions transitions = new StateTransitions();
    private final RenewalCancellation cancellation = new RenewalCancellation();
    private final AuditTrail audit = new AuditTrail();
    private final SweepLease sweepLease = new SweepLease();
    private final SecureRandom random = new SecureRandom();
    private final RateLimiter startsPerCard;
    private final CertificateRequestsRetry retries;
    private final RenewalStateQuery states = new RenewalStateQuery();

    public RenewalCore(Database database, CertificateIssuer issuer, Clock clock, Duration renewalTimeout) {
        this.database = database;
        this.issuer = issuer;
        this.retries = new CertificateRequestsRetry(issuer);
        this.clock = clock;
        this.renewalTimeout = renewalTimeout;
        this.window = new RenewalWindow(clock);
        this.startsPerCard = new RateLimiter(5, Duration.ofMinutes(1), 100_000, clock);
    }

    /**
     * Step 1: checks the presented certificates and hands out a challenge. Certificates are public, so a
     * start changes nothing that matters: while the card has an open renewal waiting for its proof, every
     * start gets that same renewal back; once a proof was accepted, further starts are refused until it
     * finishes or times out.
     */
    public Started start(X509Certificate authentication, X509Certificate signing, AuditOrigin origin) {
        return step(AuditEventType.RENEWAL_STARTED, null, origin, c -> {
            CertificateRecord auth = known(c, authentication, CredentialPurpose.AUTHENTICATION);
            CertificateRecord sign = known(c, signing, CredentialPurpose.SIGNING);
            RenewalRules.sameCard(auth, sign);
            long cardId = auth.cardId();
            cards.lock(c, cardId);
            auth = certificate(c, auth.id());
            sign = certificate(c, sign.id());
            RenewalRules.current(auth);
            RenewalRules.current(sign);
            RenewalRules.due(window.evaluateCard(List.of(auth.notAfter(), sign.notAfter())), cardId);
            Instant now = clock.instant();
            for (RenewalRecord open : renewals.findOpenByCard(c, cardId)) {
                if (now.isAfter(open.expiresAt())) {
                    cancellation.cancel(c, open, "timed out", now, origin);
                } else if (open.state() == RenewalPhase.STARTED) {
                    record(
                            c,
                            AuditEventType.RENEWAL_STARTED,
                            cardId,
                            open.id(),
                            origin,
                            "open renewal handed out again");
                    return new Started(open.id(), open.challenge(), open.expiresAt());
                } else {
                    throw RenewalRules.inProgress(open, Duration.between(now, open.expiresAt()));
                }
            }
            // Only a new renewal counts against the card's limit: a repeated start changes nothing and costs nothing,
            // so someone without the card's key cannot use the limit to lock the card holder out.
            RenewalRules.startsAllowed(startsPerCard.acquire(cardId), cardId);
            RenewalRecord renewal = new RenewalRecord(
                    UUID.randomUUID().toString(),
                    cardId,
                    RenewalPhase.STARTED,
                    newChallenge(),
                    auth.id(),
                    sign.id(),
                    null,
                    null,
                    now,
                    now.plus(renewalTimeout),
                    null);
            renewals.insert(c, renewal);
            record(
                    c,
                    AuditEventType.RENEWAL_STARTED,
                    cardId,
                    renewal.id(),
                    origin,
                    "authentication " + auth.serialHex() + ", signing " + sign.serialHex());
            return new Started(renewal.id(), renewal.challenge(), renewal.expiresAt());
        });
    }

    /**
     * Step 2: proof of possession of the current authentication key over this renewal and these requests;
     * then the one key policy, and two new certificates (pending until confirmed). Nothing is changed by a
     * request whose proof does not verify.
     */
    public Issued requestCertificates(
            String renewalId,
            Proof possession,
            NewKeyRequest authenticationKey,
            NewKeyRequest signingKey,
            AuditOrigin origin) {
        return step(AuditEventType.CERTIFICATES_ISSUED, renewalId, origin, c -> {
            RenewalRecord renewal = lockedRenewal(c, renewalId);
            if (renewal.state() == RenewalPhase.ISSUED && !clock.instant().isAfter(renewal.expiresAt())) {
                return retries.issuedAgain(c, renewal, possession, authenticationKey, signingKey); // answer lost
            }
            long cardId = renewal.cardId();
            CertificateRecord oldAuth = certificate(c, renewal.oldAuthenticationCertId());
            CertificateRecord oldSign = certificate(c, renewal.oldSigningCertId());
            RenewalRules.current(oldAuth);
            RenewalRules.current(oldSign);
            RenewalRules.inState(renewal, RenewalPhase.STARTED);
            RenewalRules.inTime(renewal, clock.instant());
            RenewalRules.due(window.evaluateCard(List.of(oldAuth.notAfter(), oldSign.notAfter())), cardId);
            X509Certificate currentAuthentication = CertificateCodec.parse(oldAuth.der());
            RenewalRules.possessionProven(possession, currentAuthentication, renewal, cardId);
            // From here on the card holder's own key vouches for these requests: refusals cancel the renewal.
            checkRequest(c, authenticationKey, CredentialPurpose.AUTHENTICATION, cardId);
            checkRequest(c, signingKey, CredentialPurpose.SIGNING, cardId);
            RenewalRules.freshKey(
                    authenticationKey.publicKey().equals(signingKey.publicKey()), CredentialPurpose.SIGNING, cardId);
            Instant now = clock.instant();
            RenewalRules.underIssuanceCap(
                    certificates.renewalsThatIssuedSince(c, cardId, now.minus(RenewalWindow.LENGTH)),
                    ISSUANCE_CAP_PER_WINDOW,
                    cardId);

            X509Certificate newAuth = issuer.renew(
                    CredentialPurpose.AUTHENTICATION, currentAuthentication, authenticationKey.publicKey(), now);
            X509Certificate newSign = issuer.renew(
                    CredentialPurpose.SIGNING, CertificateCodec.parse(oldSign.der()), signingKey.publicKey(), now);
            CertificateRecord authRecord = certificates.insert(
                    c,
                    CertificateRecords.newCertificate(cardId, CredentialPurpose.AUTHENTICATION, newAuth, renewalId),
                    CertificateStatus.PENDING,
                    now);
            CertificateRecord signRecord = certificates.insert(
                    c,
                    CertificateRecords.newCertificate(cardId, CredentialPurpose.SIGNING, newSign, renewalId),
                    CertificateStatus.PENDING,
                    now);
            transitions.startedToIssued(c, renewalId, authRecord.id(), signRecord.id());
            record(
                    c,
                    AuditEventType.CERTIFICATES_ISSUED,
                    cardId,
                    renewalId,
                    origin,
                    "authentication " + authRecord.serialHex() + ", signing " + signRecord.serialHex()
                            + " (pending confirmation)");
            return new Issued(
                    newAuth,
                    newSign,
                    issuer.chain(CredentialPurpose.AUTHENTICATION),
                    issuer.chain(CredentialPurpose.SIGNING));
        });
    }

    /**
     * How a renewal stands, told only to its card: {@code byCardKey} must be made by the renewal's old or new
     * authentication key ({@code presented}); anyone else is refused as for an unknown renewal. Read only;
     * audited, refusals too.
     */
    public Standing state(String renewalId, X509Certificate presented, Proof byCardKey, AuditOrigin origin) {
        return step(AuditEventType.RENEWAL_STATE_QUERIED, renewalId, origin, c -> {
            Standing standing = states.standing(c, renewalId, presented, byCardKey, clock.instant());
            record(
                    c,
                    AuditEventType.RENEWAL_STATE_QUERIED,
                    standing.cardId(),
                    renewalId,
                    origin,
                    "told the card: " + standing.phase() + (standing.expired() ? " (timed out)" : ""));
            return standing;
        });
    }

    /**
     * Step 3: the new authentication key signs; the new certificates become current, the old superseded. A
     * confirmation repeated after it succeeded (its answer lost) is answered CONFIRMED again, never refused.
     */
    public RenewalPhase confirm(String renewalId, Proof byNewKey, AuditOrigin origin) {
        return step(AuditEventType.RENEWAL_CONFIRMED, renewalId, origin, c -> {
            RenewalRecord renewal = lockedRenewal(c, renewalId);
            if (renewal.state() == RenewalPhase.CONFIRMED) {
                RenewalRules.confirmedByNewKey(byNewKey, newAuthentication(c, renewal), renewal);
                record(
                        c,
                        AuditEventType.RENEWAL_CONFIRMED,
                        renewal.cardId(),
                        renewalId,
                        origin,
                        "confirmation repeated; already confirmed");
                return RenewalPhase.CONFIRMED;
            }
            RenewalRules.current(certificate(c, renewal.oldAuthenticationCertId()));
            RenewalRules.current(certificate(c, renewal.oldSigningCertId()));
            RenewalRules.inState(renewal, RenewalPhase.ISSUED);
            RenewalRules.inTime(renewal, clock.instant());
            RenewalRules.confirmedByNewKey(byNewKey, newAuthentication(c, renewal), renewal);
            Instant now = clock.instant();
            transitions.currentToSuperseded(c, renewal.oldAuthenticationCertId(), now);
            transitions.currentToSuperseded(c, renewal.oldSigningCertId(), now);
            transitions.pendingToCurrent(c, renewal.newAuthenticationCertId(), now);
            transitions.pendingToCurrent(c, renewal.newSigningCertId(), now);
            transitions.issuedToConfirmed(c, renewalId, now);
            record(
                    c,
                    AuditEventType.RENEWAL_CONFIRMED,
                    renewal.cardId(),
                    renewalId,
                    origin,
                    "new certificates current; old certificates superseded");
            return RenewalPhase.CONFIRMED;
        });
    }

    /**
     * The card holder's application gave up (for example the card could not store the new certificates):
     * revoke what was issued. Repeating a cancellation that succeeded answers CANCELLED again.
     */
    public RenewalPhase cancel(String renewalId, Proof byCurrentKey, AuditOrigin origin) {
        return step(AuditEventType.RENEWAL_CANCELLED, renewalId, origin, c -> {
            RenewalRecord renewal = lockedRenewal(c, renewalId);
            RenewalRules.cancelledByCurrentKey(
                    byCurrentKey,
                    CertificateCodec.parse(
                            certificate(c, renewal.oldAuthenticationCertId()).der()),
                    renewal);
            if (renewal.state() == RenewalPhase.CANCELLED) {
                return RenewalPhase.CANCELLED;
            }
            if (!renewal.state().isOpen()) {
                throw RenewalRefusal.of(RefusalReason.RENEWAL_NOT_OPEN, "renewal is " + renewal.state())
                        .forCard(renewal.cardId());
            }
            cancel(c, renewal, "cancelled by the card holder's application", origin);
            return RenewalPhase.CANCELLED;
        });
    }

    /**
     * A request a front door could not read (or refused before any step): audited as refused, nothing else.
     * {@code step} is the step it was meant for, or null when not even that is known.
     */
    public void refusedAtTheDoor(AuditEventType step, String renewalId, String why, AuditOrigin origin) {
        database.inTransaction(c -> {
            audit.record(
                    c,
                    new AuditTrail.Event(
                            clock.instant(),
                            step == null ? AuditEventType.REQUEST_REFUSED : step,
                            AuditTrail.Outcome.REFUSED,
                            null,
                            renewalId,
                            origin,
                            why));
            return null;
        });
    }

    /**
     * The timeout sweep of this node: runs only while this node holds the sweep lease (one node of all
     * that share the database; another takes over once the holder stops renewing it), and cancels the
     * renewals whose time ran out, revoking what they issued.
     */
    public Sweep sweepTimedOutRenewals(Duration leaseFor) {
        boolean holder = database.inTransaction(c -> sweepLease.take(c, node, clock.instant(), leaseFor));
        if (!holder) {
            return new Sweep(false, 0);
        }
        int cancelled = cancelTimedOutRenewals();
        if (cancelled > 0) {
            database.inTransaction(c -> {
                record(
                        c,
                        AuditEventType.TIMEOUT_SWEEP,
                        null,
                        null,
                        AuditOrigin.server("timeout-sweep " + node),
                        cancelled + " timed-out renewal(s) cancelled");
                return null;
            });
        }
        return new Sweep(true, cancelled);
    }

    /** Cancels renewals whose time ran out, revoking what they issued. Returns how many. */
    public int cancelTimedOutRenewals() {
        AuditOrigin origin = AuditOrigin.server("timeout-sweep " + node);
        List<RenewalRecord> stale = database.inTransaction(c -> renewals.findOpenExpiredBefore(c, clock.instant()));
        int cancelled = 0;
        for (RenewalRecord candidate : stale) {
            cancelled += database.inTransaction(c -> {
                cards.lock(c, candidate.cardId());
                RenewalRecord renewal =
                        renewals.findForUpdate(c, candidate.id()).orElse(null);
                if (renewal == null
                        || !renewal.state().isOpen()
                        || !clock.instant().isAfter(renewal.expiresAt())) {
                    return 0;
                }
                cancel(c, renewal, "timed out", origin);
                return 1;
            });
        }
        return cancelled;
    }

    /** This node's name in the sweep lease and the audit trail. */
    public String node() {
        return node;
    }

    private void checkRequest(Connection c, NewKeyRequest request, CredentialPurpose purpose, long cardId)
            throws SQLException {
        RenewalRules.acceptableRequest(request, purpose, cardId);
        RenewalRules.freshKey(
                certificates.publicKeyKnown(c, CertificateRecords.publicKeySha256(request.publicKey())),
                purpose,
                cardId);
    }

    /** The renewal, with its card's row and its own row locked for the rest of the transaction. */
    private RenewalRecord lockedRenewal(Connection c, String renewalId) throws SQLException {
        RenewalRecord unlocked = renewals.find(c, renewalId).orElseThrow(() -> unknown(renewalId));
        cards.lock(c, unlocked.cardId());
        return renewals.findForUpdate(c, renewalId).orElseThrow(() -> unknown(renewalId));
    }

    private X509Certificate newAuthentication(Connection c, RenewalRecord renewal) throws SQLException {
        return CertificateCodec.parse(
                certificate(c, renewal.newAuthenticationCertId()).der());
    }

    private void cancel(Connection c, RenewalRecord renewal, String why, AuditOrigin origin) throws SQLException {
        cancellation.cancel(c, renewal, why, clock.instant(), origin);
        LOG.info("Renewal {} of card {} cancelled: {}", renewal.id(), renewal.cardId(), why);
    }

    private CertificateRecord known(Connection c, X509Certificate presented, CredentialPurpose purpose)
            throws SQLException {
        CertificateRecord record = certificates
                .findBySha256(c, CertificateCodec.fingerprint(presented))
                .orElse(null);
        RenewalRules.issuedByUs(record, presented, issuer, purpose);
        RenewalRules.hasPurpose(record, purpose);
        return record;
    }

    private CertificateRecord certificate(Connection c, long id) throws SQLException {
        return certificates.find(c, id).orElseThrow(() -> new IllegalStateException("certificate " + id + " missing"));
    }

    /**
     * Runs one step in a transaction. A refusal is audited (and may cancel the renewal) after the
     * rollback; any other failure is audited as an error, as far as the database still lets us.
     */
    private <T> T step(AuditEventType type, String renewalId, AuditOrigin origin, Database.TransactionWork<T> work) {
        try {
            return database.inTransaction(work);
        } catch (RenewalRefusal refusal) {
            LOG.info("Refused {} (renewal {}): {}", type, renewalId, refusal.getMessage());
            database.inTransaction(c -> {
                if (refusal.cancelsRenewal() && renewalId != null) {
                    RenewalRecord renewal =
                            renewals.find(c, renewalId).isPresent() ? lockedRenewal(c, renewalId) : null;
                    if (renewal != null && renewal.state().isOpen()) {
                        cancel(c, renewal, "refused: " + refusal.reason(), origin);
                    }
                }
                audit.record(
                        c,
                        new AuditTrail.Event(
                                clock.instant(),
                                type,
                                AuditTrail.Outcome.REFUSED,
                                refusal.cardId(),
                                renewalId,
                                origin,
                                refusal.getMessage()));
                return null;
            });
            throw refusal;
        } catch (RuntimeException failure) {
            try {
                database.inTransaction(c -> {
                    audit.record(
                            c,
                            new AuditTrail.Event(
                                    clock.instant(),
                                    type,
                                    AuditTrail.Outcome.ERROR,
                                    null,
                                    renewalId,
                                    origin,
                                    failure.getClass().getSimpleName()));
                    return null;
                });
            } catch (RuntimeException auditFailure) {
                failure.addSuppressed(auditFailure);
            }
            throw failure;
        }
    }

    private void record(
            Connection c, AuditEventType type, Long cardId, String renewalId, AuditOrigin origin, String detail)
            throws SQLException {
        audit.record(
                c,
                new AuditTrail.Event(clock.instant(), type, AuditTrail.Outcome.OK, cardId, renewalId, origin, detail));
    }

    private String newChallenge() {
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
    }

    private static RenewalRefusal unknown(String renewalId) {
        return RenewalRefusal.of(RefusalReason.UNKNOWN_RENEWAL, "no renewal " + renewalId);
    }
}
