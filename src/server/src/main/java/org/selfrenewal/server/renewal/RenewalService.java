package org.selfrenewal.server.renewal;

import java.net.URI;
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
import java.util.function.Function;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.RenewalWindow;
import org.selfrenewal.protocol.SignedStatement;
import org.selfrenewal.protocol.StartRenewal;
import org.selfrenewal.server.limits.RateLimiter;
import org.selfrenewal.server.persistence.AuditTrail;
import org.selfrenewal.server.persistence.CardRepository;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRecords;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;
import org.selfrenewal.server.persistence.Database;
import org.selfrenewal.server.persistence.RenewalRecord;
import org.selfrenewal.server.persistence.RenewalRepository;
import org.selfrenewal.server.persistence.StateTransitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The renewal protocol on the server: start, certificate requests, confirmation, cancellation. The
 * server trusts nothing the client says about eligibility; every step re-checks the rules in
 * {@link RenewalRules} against its own records and clock. Each step runs in one transaction; a refusal
 * rolls the step back, then is audited (and, where the rule says so, cancels the renewal).
 */
public final class RenewalService {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalService.class);

    /** How many renewals of one card may issue certificates within one renewal window (90 days). */
    public static final int ISSUANCE_CAP_PER_WINDOW = 3;

    private final Database database;
    private final CertificateIssuer issuer;
    private final Clock clock;
    private final Duration renewalTimeout;
    private final RenewalWindow window;
    private final URI service;
    private final CertificateRepository certificates = new CertificateRepository();
    private final RenewalRepository renewals = new RenewalRepository();
    private final CardRepository cards = new CardRepository();
    private final StateTransitions transitions = new StateTransitions();
    private final RenewalCancellation cancellation = new RenewalCancellation();
    private final AuditTrail audit = new AuditTrail();
    private final SecureRandom random = new SecureRandom();
    private final RateLimiter startsPerCard;
    private final CertificateRequestsRetry retries;
    private final RenewalStateQuery states;

    /**
     * @param service this service's public URL, the identity every proof of possession must name (null:
     *                renewals cannot be proven, for processes that only run RA commands)
     */
    public RenewalService(
            Database database, CertificateIssuer issuer, Clock clock, Duration renewalTimeout, URI service) {
        this.database = database;
        this.issuer = issuer;
        this.clock = clock;
        this.renewalTimeout = renewalTimeout;
        this.window = new RenewalWindow(clock);
        this.service = service;
        this.startsPerCard = new RateLimiter(5, Duration.ofMinutes(1), 100_000, clock);
        this.retries = new CertificateRequestsRetry(issuer, service);
        this.states = new RenewalStateQuery(database, clock, service);
    }

    /**
     * Step 1: checks the presented certificates and hands out a challenge. Certificates are public, so a
     * start changes nothing that matters: while the card has an open renewal waiting for its proof, every
     * start gets that same renewal back; once a proof was accepted, further starts are refused until it
     * finishes or times out.
     */
    public RenewalStarted start(StartRenewal request) {
        X509Certificate authentication = decode(request.authenticationCertificate(), "authentication certificate");
        X509Certificate signing = decode(request.signingCertificate(), "signing certificate");
        return step("RENEWAL_STARTED", null, c -> {
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
                    cancellation.cancel(c, open, "timed out", now);
                } else if (open.state() == RenewalState.STARTED) {
                    record(
                            c,
                            "RENEWAL_STARTED",
                            AuditTrail.Outcome.OK,
                            cardId,
                            open.id(),
                            "open renewal handed out again");
                    return new RenewalStarted(open.id(), open.challenge(), open.expiresAt());
                } else {
                    throw RenewalRefusal.of(
                                    ErrorCode.RENEWAL_IN_PROGRESS,
                                    "renewal " + open.id() + " is " + open.state() + " until " + open.expiresAt())
                            .withDetail(
                                    "retryAfterSeconds",
                                    Long.toString(Math.max(
                                            1,
                                            Duration.between(now, open.expiresAt())
                                                    .toSeconds())))
                            .forCard(cardId);
                }
            }
            // Only a new renewal counts against the card's limit: a repeated start changes nothing and costs nothing,
            // so someone without the card's key cannot use the limit to lock the card holder out.
            Duration wait = startsPerCard.acquire(cardId);
            if (!wait.isZero()) {
                throw RenewalRefusal.of(ErrorCode.TOO_MANY_REQUESTS, "too many new renewals for this card")
                        .withDetail("retryAfterSeconds", Long.toString(Math.max(1, wait.toSeconds())))
                        .forCard(cardId);
            }
            RenewalRecord renewal = new RenewalRecord(
                    UUID.randomUUID().toString(),
                    cardId,
                    RenewalState.STARTED,
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
                    "RENEWAL_STARTED",
                    AuditTrail.Outcome.OK,
                    cardId,
                    renewal.id(),
                    "authentication " + auth.serialHex() + ", signing " + sign.serialHex());
            return new RenewalStarted(renewal.id(), renewal.challenge(), renewal.expiresAt());
        });
    }

    /**
     * Step 2: proof of possession of the current key over this service, this challenge and exactly these
     * requests; then the one key policy, and two new certificates (pending until confirmed). Nothing is
     * changed by a request whose proof does not verify.
     */
    public IssuedCertificates submitRequests(String renewalId, CertificateRequests request) {
        byte[] proof = bytes(request.proofOfPossession(), "proof of possession");
        byte[] authDer = bytes(request.authenticationCsr(), "the authentication certificate request");
        byte[] signDer = bytes(request.signingCsr(), "the signing certificate request");
        PKCS10CertificationRequest authCsr = csr(authDer, CredentialPurpose.AUTHENTICATION);
        PKCS10CertificationRequest signCsr = csr(signDer, CredentialPurpose.SIGNING);
        return step("CERTIFICATES_ISSUED", renewalId, c -> {
            RenewalRecord renewal = lockedRenewal(c, renewalId);
            if (renewal.state() == RenewalState.ISSUED && !clock.instant().isAfter(renewal.expiresAt())) {
                return retries.issuedAgain(c, renewal, proof, authDer, signDer, authCsr, signCsr); // answer was lost
            }
            long cardId = renewal.cardId();
            CertificateRecord oldAuth = certificate(c, renewal.oldAuthenticationCertId());
            CertificateRecord oldSign = certificate(c, renewal.oldSigningCertId());
            RenewalRules.stillCurrent(oldAuth);
            RenewalRules.stillCurrent(oldSign);
            renewal = openRenewal(renewal, RenewalState.STARTED);
            RenewalRules.due(window.evaluateCard(List.of(oldAuth.notAfter(), oldSign.notAfter())), cardId);
            RenewalRules.possessionProven(
                    CertificateCodec.parse(oldAuth.der()),
                    service,
                    renewalId,
                    renewal.challenge(),
                    authDer,
                    signDer,
                    proof,
                    cardId);
            // From here on the card holder's own key vouches for these requests: refusals cancel the renewal.
            checkRequest(c, authCsr, CredentialPurpose.AUTHENTICATION, cardId);
            checkRequest(c, signCsr, CredentialPurpose.SIGNING, cardId);
            RenewalRules.freshKey(
                    authCsr.getSubjectPublicKeyInfo().equals(signCsr.getSubjectPublicKeyInfo()),
                    CredentialPurpose.SIGNING,
                    cardId);
            Instant now = clock.instant();
            RenewalRules.underIssuanceCap(
                    certificates.renewalsThatIssuedSince(c, cardId, now.minus(RenewalWindow.LENGTH)),
                    ISSUANCE_CAP_PER_WINDOW,
                    cardId);

            X509Certificate newAuth = issuer.renew(
                    CredentialPurpose.AUTHENTICATION,
                    CertificateCodec.parse(oldAuth.der()),
                    authCsr.getSubjectPublicKeyInfo(),
                    now);
            X509Certificate newSign = issuer.renew(
                    CredentialPurpose.SIGNING,
                    CertificateCodec.parse(oldSign.der()),
                    signCsr.getSubjectPublicKeyInfo(),
                    now);
            CertificateRecord authRecord = certificates.insert(
                    c,
                    CertificateRecords.describe(cardId, CredentialPurpose.AUTHENTICATION, newAuth, renewalId),
                    CertificateStatus.PENDING,
                    now);
            CertificateRecord signRecord = certificates.insert(
                    c,
                    CertificateRecords.describe(cardId, CredentialPurpose.SIGNING, newSign, renewalId),
                    CertificateStatus.PENDING,
                    now);
            transitions.startedToIssued(c, renewalId, authRecord.id(), signRecord.id());
            record(
                    c,
                    "CERTIFICATES_ISSUED",
                    AuditTrail.Outcome.OK,
                    cardId,
                    renewalId,
                    "authentication " + authRecord.serialHex() + ", signing " + signRecord.serialHex()
                            + " (pending confirmation)");
            return new IssuedCertificates(
                    CertificateCodec.encode(newAuth),
                    CertificateCodec.encode(newSign),
                    encodeAll(issuer.chain(CredentialPurpose.AUTHENTICATION)),
                    encodeAll(issuer.chain(CredentialPurpose.SIGNING)));
        });
    }

    /** Step 3: the new authentication key signs; the new certificates become current, the old superseded. */
    public RenewalOutcome confirm(String renewalId, SignedStatement statement) {
        byte[] signature = bytes(statement.signature(), "confirmation signature");
        return step("RENEWAL_CONFIRMED", renewalId, c -> {
            RenewalRecord renewal = lockedRenewal(c, renewalId);
            if (renewal.state() == RenewalState.CONFIRMED) {
                RenewalRules.confirmedByNewKey(
                        CertificateCodec.parse(certificate(c, renewal.newAuthenticationCertId())
                                .der()),
                        renewalId,
                        renewal.challenge(),
                        signature,
                        renewal.cardId());
                return new RenewalOutcome(renewalId, RenewalState.CONFIRMED);
            }
            RenewalRules.stillCurrent(certificate(c, renewal.oldAuthenticationCertId()));
            RenewalRules.stillCurrent(certificate(c, renewal.oldSigningCertId()));
            renewal = openRenewal(renewal, RenewalState.ISSUED);
            RenewalRules.confirmedByNewKey(
                    CertificateCodec.parse(
                            certificate(c, renewal.newAuthenticationCertId()).der()),
                    renewalId,
                    renewal.challenge(),
                    signature,
                    renewal.cardId());
            Instant now = clock.instant();
            transitions.currentToSuperseded(c, renewal.oldAuthenticationCertId(), now);
            transitions.currentToSuperseded(c, renewal.oldSigningCertId(), now);
            transitions.pendingToCurrent(c, renewal.newAuthenticationCertId(), now);
            transitions.pendingToCurrent(c, renewal.newSigningCertId(), now);
            transitions.issuedToConfirmed(c, renewalId, now);
            record(
                    c,
                    "RENEWAL_CONFIRMED",
                    AuditTrail.Outcome.OK,
                    renewal.cardId(),
                    renewalId,
                    "new certificates current; old certificates superseded");
            return new RenewalOutcome(renewalId, RenewalState.CONFIRMED);
        });
    }

    /** The client gave up (for example the card could not store the new certificates): revoke what was issued. */
    public RenewalOutcome cancel(String renewalId, SignedStatement statement) {
        byte[] signature = bytes(statement.signature(), "cancellation signature");
        return step("RENEWAL_CANCELLED", renewalId, c -> {
            RenewalRecord renewal = lockedRenewal(c, renewalId);
            RenewalRules.cancelledByCurrentKey(
                    CertificateCodec.parse(
                            certificate(c, renewal.oldAuthenticationCertId()).der()),
                    renewalId,
                    renewal.challenge(),
                    signature,
                    renewal.cardId());
            if (renewal.state() == RenewalState.CANCELLED) {
                return new RenewalOutcome(renewalId, RenewalState.CANCELLED);
            }
            if (!renewal.state().isOpen()) {
                throw RenewalRefusal.of(ErrorCode.RENEWAL_NOT_OPEN, "renewal is " + renewal.state())
                        .forCard(renewal.cardId());
            }
            cancel(c, renewal, "cancelled by the card holder's application");
            return new RenewalOutcome(renewalId, RenewalState.CANCELLED);
        });
    }

    /** How a renewal stands, told only to the card it renews (see {@link RenewalStateQuery}). */
    public RenewalStatus state(String renewalId, RenewalStateRequest request) {
        return states.state(renewalId, request);
    }

    /** Cancels renewals whose time ran out, revoking what they issued. Returns how many. */
    public int cancelTimedOutRenewals() {
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
                cancel(c, renewal, "timed out");
                return 1;
            });
        }
        return cancelled;
    }

    private void checkRequest(Connection c, PKCS10CertificationRequest csr, CredentialPurpose purpose, long cardId)
            throws SQLException {
        RenewalRules.acceptableRequest(csr, purpose, cardId);
        SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
        RenewalRules.freshKey(certificates.publicKeyKnown(c, CertificateRecords.publicKeySha256(key)), purpose, cardId);
    }

    /** The renewal, with its card's row and its own row locked for the rest of the transaction. */
    private RenewalRecord lockedRenewal(Connection c, String renewalId) throws SQLException {
        RenewalRecord unlocked = renewals.find(c, renewalId).orElseThrow(() -> notFound(renewalId));
        cards.lock(c, unlocked.cardId());
        return renewals.findForUpdate(c, renewalId).orElseThrow(() -> notFound(renewalId));
    }

    private RenewalRecord openRenewal(RenewalRecord renewal, RenewalState expected) {
        if (renewal.state() != expected) {
            throw RenewalRefusal.of(
                            ErrorCode.RENEWAL_NOT_OPEN, "renewal is " + renewal.state() + ", expected " + expected)
                    .forCard(renewal.cardId());
        }
        if (clock.instant().isAfter(renewal.expiresAt())) {
            throw RenewalRefusal.of(ErrorCode.RENEWAL_TIMED_OUT, "renewal expired at " + renewal.expiresAt())
                    .forCard(renewal.cardId())
                    .cancellingRenewal();
        }
        return renewal;
    }

    private void cancel(Connection c, RenewalRecord renewal, String why) throws SQLException {
        cancellation.cancel(c, renewal, why, clock.instant());
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

    /** Runs one step in a transaction; a refusal is audited (and may cancel the renewal) after the rollback. */
    private <T> T step(String eventType, String renewalId, Database.TransactionWork<T> work) {
        try {
            return database.inTransaction(work);
        } catch (RenewalRefusal refusal) {
            LOG.info("Refused {} (renewal {}): {}", eventType, renewalId, refusal.getMessage());
            database.inTransaction(c -> {
                if (refusal.cancelsRenewal() && renewalId != null) {
                    RenewalRecord renewal =
                            renewals.find(c, renewalId).isPresent() ? lockedRenewal(c, renewalId) : null;
                    if (renewal != null && renewal.state().isOpen()) {
                        cancel(c, renewal, "refused: " + refusal.code());
                    }
                }
                record(c, eventType, AuditTrail.Outcome.REFUSED, refusal.cardId(), renewalId, refusal.getMessage());
                return null;
            });
            throw refusal;
        }
    }

    private void record(
            Connection c, String type, AuditTrail.Outcome outcome, Long cardId, String renewalId, String detail)
            throws SQLException {
        audit.record(c, new AuditTrail.Event(clock.instant(), type, outcome, cardId, renewalId, detail));
    }

    private String newChallenge() {
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
    }

    private static RenewalRefusal notFound(String renewalId) {
        return RenewalRefusal.of(ErrorCode.RENEWAL_NOT_FOUND, "no renewal " + renewalId);
    }

    private static X509Certificate decode(String base64, String what) {
        return parse(base64, what, CertificateCodec::decode);
    }

    private static byte[] bytes(String base64, String what) {
        return parse(base64, what, CertificateCodec::unbase64);
    }

    private static PKCS10CertificationRequest csr(byte[] der, CredentialPurpose purpose) {
        try {
            PKCS10CertificationRequest request = new PKCS10CertificationRequest(der);
            request.getSubjectPublicKeyInfo().getAlgorithm();
            return request;
        } catch (java.io.IOException | RuntimeException e) {
            throw RenewalRefusal.of(
                    ErrorCode.BAD_REQUEST,
                    "the " + purpose.plainName() + " certificate request could not be read: not a PKCS#10 request");
        }
    }

    private static <T> T parse(String text, String what, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw RenewalRefusal.of(ErrorCode.BAD_REQUEST, what + " could not be read: " + e.getMessage());
        }
    }

    private static List<String> encodeAll(List<X509Certificate> chain) {
        return chain.stream().map(CertificateCodec::encode).toList();
    }
}
