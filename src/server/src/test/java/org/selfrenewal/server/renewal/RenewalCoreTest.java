package org.selfrenewal.server.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.selfrenewal.protocol.StartRenewal;
import org.selfrenewal.server.api.RenewalService;
import org.selfrenewal.server.persistence.AuditEventType;
import org.selfrenewal.server.persistence.AuditTrail;
import org.selfrenewal.server.persistence.CertificateStatus;
import org.selfrenewal.server.persistence.RenewalPhase;
import org.selfrenewal.server.persistence.RevocationReason;
import org.selfrenewal.server.renewal.CoreRig.SoftCard;

/**
 * The renewal core's rules, one named case per rule (step-ca style: "ok/...", "fail/..."), on the embedded
 * H2 database with real certificates from the CA. Every case also checks what the refusal leaves behind
 * (nothing changed, or the renewal cancelled and what it issued revoked), that the refusal is audited,
 * and that the audit chain is intact afterwards.
 */
class RenewalCoreTest {

    @FunctionalInterface
    interface Rule {
        void check(CoreRig rig) throws Exception;
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("ok/renewal: start, requests, confirm: new certificates current, old superseded", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair newAuth = rig.newKey();
                    RenewalCore.Issued issued = rig.issue(card, started, newAuth, rig.newKey());
                    assertEquals(CertificateStatus.PENDING, rig.status(issued.authentication()));
                    assertEquals(RenewalPhase.ISSUED, rig.state(started.renewalId()));
                    assertEquals(
                            RenewalPhase.CONFIRMED,
                            rig.core.confirm(
                                    started.renewalId(), CoreRig.proof(newAuth.getPrivate(), started), rig.origin));
                    assertEquals(CertificateStatus.CURRENT, rig.status(issued.authentication()));
                    assertEquals(CertificateStatus.CURRENT, rig.status(issued.signing()));
                    assertEquals(CertificateStatus.SUPERSEDED, rig.status(card.authentication()));
                    assertEquals(CertificateStatus.SUPERSEDED, rig.status(card.signing()));
                    assertEquals(
                            List.of(
                                    AuditEventType.CARD_ISSUED,
                                    AuditEventType.RENEWAL_STARTED,
                                    AuditEventType.CERTIFICATES_ISSUED,
                                    AuditEventType.RENEWAL_CONFIRMED),
                            rig.audit().stream().map(AuditTrail.Event::type).toList());
                    assertEquals(
                            "operator:ra-desk-1", rig.audit().get(0).origin().actor());
                    assertEquals(rig.origin, rig.audit().get(3).origin());
                }),
                rule(
                        "ok/start-again: a start while the renewal waits for its proof hands out the same renewal",
                        rig -> {
                            SoftCard card = rig.dueCard();
                            RenewalCore.Started first = rig.start(card);
                            assertEquals(first, rig.start(card));
                        }),
                rule("ok/confirm-again: a confirmation whose answer was lost is answered CONFIRMED again", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair newAuth = rig.newKey();
                    rig.issue(card, started, newAuth, rig.newKey());
                    Proof proof = CoreRig.proof(newAuth.getPrivate(), started);
                    rig.core.confirm(started.renewalId(), proof, rig.origin);
                    assertEquals(RenewalPhase.CONFIRMED, rig.core.confirm(started.renewalId(), proof, rig.origin));
                }),
                rule("ok/cancel-started: the card holder cancels before requesting; nothing was issued", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    assertEquals(
                            RenewalPhase.CANCELLED,
                            rig.core.cancel(
                                    started.renewalId(),
                                    CoreRig.proof(card.authenticationKey().getPrivate(), started),
                                    rig.origin));
                    assertEquals(List.of(), rig.issuedBy(started.renewalId()));
                    assertEquals(CertificateStatus.CURRENT, rig.status(card.authentication()));
                }),
                rule("ok/cancel-issued: cancelling after issuance revokes the pending certificates", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    rig.issue(card, started, rig.newKey(), rig.newKey());
                    Proof byCurrent = CoreRig.proof(card.authenticationKey().getPrivate(), started);
                    rig.core.cancel(started.renewalId(), byCurrent, rig.origin);
                    assertEquals(
                            List.of(CertificateStatus.REVOKED, CertificateStatus.REVOKED),
                            rig.issuedBy(started.renewalId()));
                    assertEquals(
                            RenewalPhase.CANCELLED,
                            rig.core.cancel(started.renewalId(), byCurrent, rig.origin),
                            "a repeated cancellation is answered CANCELLED again");
                    assertEquals(CertificateStatus.CURRENT, rig.status(card.authentication()));
                }),
                rule(
                        "ok/timeout-sweep: an issued renewal past its time is cancelled, its certificates revoked",
                        rig -> {
                            SoftCard card = rig.dueCard();
                            RenewalCore.Started started = rig.start(card);
                            rig.issue(card, started, rig.newKey(), rig.newKey());
                            rig.clock.advance(CoreRig.TIMEOUT.plusSeconds(1));
                            RenewalCore.Sweep sweep = rig.core.sweepTimedOutRenewals(Duration.ofMinutes(3));
                            assertEquals(new RenewalCore.Sweep(true, 1), sweep);
                            assertEquals(RenewalPhase.CANCELLED, rig.state(started.renewalId()));
                            assertEquals(
                                    List.of(CertificateStatus.REVOKED, CertificateStatus.REVOKED),
                                    rig.issuedBy(started.renewalId()));
                            assertEquals(
                                    AuditTrail.Outcome.OK,
                                    rig.lastEvent(AuditEventType.TIMEOUT_SWEEP, AuditTrail.Outcome.OK)
                                            .outcome());
                        }),
                rule("fail/unreadable: the JSON front door refuses a certificate it cannot read, audited", rig -> {
                    RenewalService json = new RenewalService(rig.core, URI.create("https://127.0.0.1:8443"));
                    rig.refused(
                            RefusalReason.UNREADABLE_REQUEST,
                            AuditEventType.RENEWAL_STARTED,
                            () -> json.start(new StartRenewal("not base64!", "AAAA"), rig.origin));
                }),
                rule("fail/not-issued-by-us: a certificate from another CA", rig -> {
                    SoftCard card = rig.dueCard();
                    X509Certificate foreign = selfSigned(card.authenticationKey());
                    rig.refused(
                            RefusalReason.NOT_ISSUED_BY_US,
                            AuditEventType.RENEWAL_STARTED,
                            () -> rig.core.start(foreign, card.signing(), rig.origin));
                }),
                rule("fail/wrong-purpose: the signing certificate presented as the authentication one", rig -> {
                    SoftCard card = rig.dueCard();
                    rig.refused(
                            RefusalReason.WRONG_PURPOSE,
                            AuditEventType.RENEWAL_STARTED,
                            () -> rig.core.start(card.signing(), card.authentication(), rig.origin));
                }),
                rule("fail/two-cards: the authentication certificate of one card, the signing one of another", rig -> {
                    SoftCard a = rig.dueCard();
                    SoftCard b = rig.dueCard();
                    rig.refused(
                            RefusalReason.DIFFERENT_CARDS,
                            AuditEventType.RENEWAL_STARTED,
                            () -> rig.core.start(a.authentication(), b.signing(), rig.origin));
                }),
                rule("fail/superseded: the old certificates after a confirmed renewal", rig -> {
                    SoftCard card = rig.dueCard();
                    rig.renew(card);
                    rig.refused(RefusalReason.SUPERSEDED, AuditEventType.RENEWAL_STARTED, () -> rig.start(card));
                }),
                rule("fail/revoked: a card the RA revoked", rig -> {
                    SoftCard card = rig.dueCard();
                    rig.ra.revokeCard(card.cardId(), "lost");
                    rig.refused(RefusalReason.REVOKED, AuditEventType.RENEWAL_STARTED, () -> rig.start(card));
                }),
                rule("fail/revoked: the RA revokes the card between issuance and confirmation", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair newAuth = rig.newKey();
                    rig.issue(card, started, newAuth, rig.newKey());
                    rig.ra.revokeCard(card.cardId(), RevocationReason.KEY_COMPROMISE, "stolen");
                    assertEquals(RenewalPhase.CANCELLED, rig.state(started.renewalId()));
                    rig.refused(
                            RefusalReason.REVOKED,
                            AuditEventType.RENEWAL_CONFIRMED,
                            () -> rig.core.confirm(
                                    started.renewalId(), CoreRig.proof(newAuth.getPrivate(), started), rig.origin));
                    assertEquals(
                            List.of(CertificateStatus.REVOKED, CertificateStatus.REVOKED),
                            rig.issuedBy(started.renewalId()));
                }),
                rule("fail/pending: certificates of a renewal that was never confirmed", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    RenewalCore.Issued issued = rig.issue(card, started, rig.newKey(), rig.newKey());
                    rig.refused(
                            RefusalReason.PENDING,
                            AuditEventType.RENEWAL_STARTED,
                            () -> rig.core.start(issued.authentication(), issued.signing(), rig.origin));
                    assertEquals(RenewalPhase.ISSUED, rig.state(started.renewalId()), "nothing changed");
                }),
                rule("fail/not-due: certificates expiring in 200 days", rig -> {
                    SoftCard card = rig.card(Duration.ofDays(200));
                    RenewalRefusal refusal =
                            rig.refused(RefusalReason.NOT_DUE, AuditEventType.RENEWAL_STARTED, () -> rig.start(card));
                    assertEquals(
                            rig.clock.instant().plus(Duration.ofDays(110)),
                            refusal.eligibility().renewalOpensAt());
                }),
                rule("fail/expired: certificates that expired yesterday", rig -> {
                    SoftCard card = rig.card(Duration.ofDays(-1));
                    rig.refused(RefusalReason.EXPIRED, AuditEventType.RENEWAL_STARTED, () -> rig.start(card));
                }),
                rule("fail/in-progress: a start while a renewal past its proof is open", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    rig.issue(card, started, rig.newKey(), rig.newKey());
                    RenewalRefusal refusal = rig.refused(
                            RefusalReason.RENEWAL_IN_PROGRESS, AuditEventType.RENEWAL_STARTED, () -> rig.start(card));
                    assertTrue(refusal.retryAfter().compareTo(CoreRig.TIMEOUT) <= 0);
                    assertEquals(RenewalPhase.ISSUED, rig.state(started.renewalId()), "nothing changed");
                }),
                rule("fail/too-many-starts: a sixth new renewal of one card within a minute", rig -> {
                    SoftCard card = rig.dueCard();
                    for (int i = 0; i < 5; i++) {
                        RenewalCore.Started started = rig.start(card);
                        rig.core.cancel(
                                started.renewalId(),
                                CoreRig.proof(card.authenticationKey().getPrivate(), started),
                                rig.origin);
                    }
                    rig.refused(RefusalReason.TOO_MANY_STARTS, AuditEventType.RENEWAL_STARTED, () -> rig.start(card));
                }),
                rule("fail/unknown-renewal: certificate requests for a renewal nobody started", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started invented =
                            new RenewalCore.Started(UUID.randomUUID().toString(), "x", Instant.now());
                    rig.refused(
                            RefusalReason.UNKNOWN_RENEWAL,
                            AuditEventType.CERTIFICATES_ISSUED,
                            () -> rig.issue(card, invented, rig.newKey(), rig.newKey()));
                }),
                rule("fail/not-open: certificate requests for a cancelled renewal", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    rig.core.cancel(
                            started.renewalId(),
                            CoreRig.proof(card.authenticationKey().getPrivate(), started),
                            rig.origin);
                    rig.refused(
                            RefusalReason.RENEWAL_NOT_OPEN,
                            AuditEventType.CERTIFICATES_ISSUED,
                            () -> rig.issue(card, started, rig.newKey(), rig.newKey()));
                    assertEquals(List.of(), rig.issuedBy(started.renewalId()));
                }),
                rule("fail/not-open: a confirmation before any certificate was issued", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    rig.refused(
                            RefusalReason.RENEWAL_NOT_OPEN,
                            AuditEventType.RENEWAL_CONFIRMED,
                            () -> rig.core.confirm(
                                    started.renewalId(),
                                    CoreRig.proof(card.authenticationKey().getPrivate(), started),
                                    rig.origin));
                    assertEquals(RenewalPhase.STARTED, rig.state(started.renewalId()));
                }),
                rule("fail/not-open: cancelling a confirmed renewal", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair newAuth = rig.newKey();
                    rig.issue(card, started, newAuth, rig.newKey());
                    rig.core.confirm(started.renewalId(), CoreRig.proof(newAuth.getPrivate(), started), rig.origin);
                    rig.refused(
                            RefusalReason.RENEWAL_NOT_OPEN,
                            AuditEventType.RENEWAL_CANCELLED,
                            () -> rig.core.cancel(
                                    started.renewalId(),
                                    CoreRig.proof(card.authenticationKey().getPrivate(), started),
                                    rig.origin));
                    assertEquals(RenewalPhase.CONFIRMED, rig.state(started.renewalId()));
                }),
                rule("fail/timed-out: certificate requests after the renewal's time ran out cancel it", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    rig.clock.advance(CoreRig.TIMEOUT.plusSeconds(1));
                    rig.refused(
                            RefusalReason.TIMED_OUT,
                            AuditEventType.CERTIFICATES_ISSUED,
                            () -> rig.issue(card, started, rig.newKey(), rig.newKey()));
                    assertEquals(RenewalPhase.CANCELLED, rig.state(started.renewalId()));
                }),
                rule("fail/possession: a proof made by another key changes nothing", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair newAuth = rig.newKey();
                    KeyPair newSign = rig.newKey();
                    rig.refused(
                            RefusalReason.POSSESSION_NOT_PROVEN,
                            AuditEventType.CERTIFICATES_ISSUED,
                            () -> rig.core.requestCertificates(
                                    started.renewalId(),
                                    CoreRig.proof(card.signingKey().getPrivate(), started),
                                    CoreRig.request(newAuth, newAuth.getPrivate(), card.authentication()),
                                    CoreRig.request(newSign, newSign.getPrivate(), card.signing()),
                                    rig.origin));
                    assertEquals(RenewalPhase.STARTED, rig.state(started.renewalId()), "nothing changed");
                }),
                rule("fail/possession: a proof for another renewal's challenge (replayed) changes nothing", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair newAuth = rig.newKey();
                    KeyPair newSign = rig.newKey();
                    rig.refused(
                            RefusalReason.POSSESSION_NOT_PROVEN,
                            AuditEventType.CERTIFICATES_ISSUED,
                            () -> rig.core.requestCertificates(
                                    started.renewalId(),
                                    CoreRig.proof(card.authenticationKey().getPrivate(), started.renewalId(), "old"),
                                    CoreRig.request(newAuth, newAuth.getPrivate(), card.authentication()),
                                    CoreRig.request(newSign, newSign.getPrivate(), card.signing()),
                                    rig.origin));
                    assertEquals(RenewalPhase.STARTED, rig.state(started.renewalId()));
                }),
                rule("fail/weak-key: an RSA-1024 key cancels the renewal", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    rig.refused(
                            RefusalReason.KEY_NOT_ACCEPTED,
                            AuditEventType.CERTIFICATES_ISSUED,
                            () -> rig.issue(card, started, CoreRig.rsa(1024), rig.newKey()));
                    assertEquals(RenewalPhase.CANCELLED, rig.state(started.renewalId()));
                }),
                rule("fail/bad-request-signature: a request signed with SHA-1 cancels the renewal", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair newAuth = rig.newKey();
                    KeyPair newSign = rig.newKey();
                    rig.refused(
                            RefusalReason.REQUEST_NOT_ACCEPTED,
                            AuditEventType.CERTIFICATES_ISSUED,
                            () -> rig.core.requestCertificates(
                                    started.renewalId(),
                                    CoreRig.proof(card.authenticationKey().getPrivate(), started),
                                    CoreRig.request(
                                            newAuth, newAuth.getPrivate(), card.authentication(), "SHA1withRSA"),
                                    CoreRig.request(newSign, newSign.getPrivate(), card.signing()),
                                    rig.origin));
                    assertEquals(RenewalPhase.CANCELLED, rig.state(started.renewalId()));
                }),
                rule(
                        "fail/key-reused: the current authentication key offered as the new one cancels the renewal",
                        rig -> {
                            SoftCard card = rig.dueCard();
                            RenewalCore.Started started = rig.start(card);
                            rig.refused(
                                    RefusalReason.KEY_REUSED,
                                    AuditEventType.CERTIFICATES_ISSUED,
                                    () -> rig.issue(card, started, card.authenticationKey(), rig.newKey()));
                            assertEquals(RenewalPhase.CANCELLED, rig.state(started.renewalId()));
                        }),
                rule("fail/key-reused: one new key for both purposes cancels the renewal", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair twice = rig.newKey();
                    rig.refused(
                            RefusalReason.KEY_REUSED,
                            AuditEventType.CERTIFICATES_ISSUED,
                            () -> rig.issue(card, started, twice, twice));
                    assertEquals(RenewalPhase.CANCELLED, rig.state(started.renewalId()));
                }),
                rule("fail/issuance-cap: a fourth renewal issuing certificates within 90 days", rig -> {
                    SoftCard card = rig.dueCard();
                    for (int i = 0; i < RenewalCore.ISSUANCE_CAP_PER_WINDOW; i++) {
                        RenewalCore.Started started = rig.start(card);
                        rig.issue(card, started, rig.newKey(), rig.newKey());
                        rig.core.cancel(
                                started.renewalId(),
                                CoreRig.proof(card.authenticationKey().getPrivate(), started),
                                rig.origin);
                    }
                    RenewalCore.Started fourth = rig.start(card);
                    rig.refused(
                            RefusalReason.ISSUANCE_CAP_REACHED,
                            AuditEventType.CERTIFICATES_ISSUED,
                            () -> rig.issue(card, fourth, rig.newKey(), rig.newKey()));
                    assertEquals(RenewalPhase.CANCELLED, rig.state(fourth.renewalId()));
                }),
                rule("fail/confirmation: a confirmation signed by the old key", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    rig.issue(card, started, rig.newKey(), rig.newKey());
                    rig.refused(
                            RefusalReason.CONFIRMATION_NOT_PROVEN,
                            AuditEventType.RENEWAL_CONFIRMED,
                            () -> rig.core.confirm(
                                    started.renewalId(),
                                    CoreRig.proof(card.authenticationKey().getPrivate(), started),
                                    rig.origin));
                    assertEquals(RenewalPhase.ISSUED, rig.state(started.renewalId()), "nothing changed");
                    assertEquals(CertificateStatus.CURRENT, rig.status(card.authentication()));
                }),
                rule("fail/timed-out: a confirmation after the renewal's time ran out cancels it", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair newAuth = rig.newKey();
                    rig.issue(card, started, newAuth, rig.newKey());
                    rig.clock.advance(CoreRig.TIMEOUT.plusSeconds(1));
                    rig.refused(
                            RefusalReason.TIMED_OUT,
                            AuditEventType.RENEWAL_CONFIRMED,
                            () -> rig.core.confirm(
                                    started.renewalId(), CoreRig.proof(newAuth.getPrivate(), started), rig.origin));
                    assertEquals(
                            List.of(CertificateStatus.REVOKED, CertificateStatus.REVOKED),
                            rig.issuedBy(started.renewalId()));
                }),
                rule("fail/cancellation: a cancellation signed by the new key changes nothing", rig -> {
                    SoftCard card = rig.dueCard();
                    RenewalCore.Started started = rig.start(card);
                    KeyPair newAuth = rig.newKey();
                    rig.issue(card, started, newAuth, rig.newKey());
                    rig.refused(
                            RefusalReason.CANCELLATION_NOT_PROVEN,
                            AuditEventType.RENEWAL_CANCELLED,
                            () -> rig.core.cancel(
                                    started.renewalId(), CoreRig.proof(newAuth.getPrivate(), started), rig.origin));
                    assertEquals(RenewalPhase.ISSUED, rig.state(started.renewalId()));
                    assertEquals(
                            List.of(CertificateStatus.PENDING, CertificateStatus.PENDING),
                            rig.issuedBy(started.renewalId()));
                }));
    }

    private static Arguments rule(String name, Rule rule) {
        return Arguments.of(name, rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(String name, Rule rule) throws Exception {
        try (CoreRig rig = CoreRig.open()) {
            rule.check(rig);
            var verdict = rig.verifyAudit();
            assertTrue(verdict.intact(), verdict.describe());
        }
    }

    @Test
    @DisplayName("every refusal reason of the core has at least one named case above")
    void everyRefusalReasonHasACase() {
        Set<RefusalReason> tested = rules().map(a -> (String) a.get()[0])
                .flatMap(name -> Arrays.stream(RefusalReason.values()).filter(r -> name.startsWith(ruleName(r) + ":")))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RefusalReason.class)));
        Set<RefusalReason> missing = EnumSet.complementOf(EnumSet.copyOf(tested));
        assertEquals(Set.of(), missing, "refusal reasons without a named case");
    }

    /** The rule name each reason's documentation gives it, e.g. fail/not-due. */
    private static String ruleName(RefusalReason reason) {
        return switch (reason) {
            case UNREADABLE_REQUEST -> "fail/unreadable";
            case NOT_ISSUED_BY_US -> "fail/not-issued-by-us";
            case WRONG_PURPOSE -> "fail/wrong-purpose";
            case DIFFERENT_CARDS -> "fail/two-cards";
            case SUPERSEDED -> "fail/superseded";
            case REVOKED -> "fail/revoked";
            case PENDING -> "fail/pending";
            case NOT_DUE -> "fail/not-due";
            case EXPIRED -> "fail/expired";
            case RENEWAL_IN_PROGRESS -> "fail/in-progress";
            case TOO_MANY_STARTS -> "fail/too-many-starts";
            case UNKNOWN_RENEWAL -> "fail/unknown-renewal";
            case RENEWAL_NOT_OPEN -> "fail/not-open";
            case TIMED_OUT -> "fail/timed-out";
            case POSSESSION_NOT_PROVEN -> "fail/possession";
            case KEY_NOT_ACCEPTED -> "fail/weak-key";
            case REQUEST_NOT_ACCEPTED -> "fail/bad-request-signature";
            case KEY_REUSED -> "fail/key-reused";
            case ISSUANCE_CAP_REACHED -> "fail/issuance-cap";
            case CONFIRMATION_NOT_PROVEN -> "fail/confirmation";
            case CANCELLATION_NOT_PROVEN -> "fail/cancellation";
        };
    }

    private static X509Certificate selfSigned(KeyPair key) throws Exception {
        Instant now = Instant.now();
        return new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                new X500Name("CN=Not our CA"),
                                BigInteger.TEN,
                                Date.from(now.minus(Duration.ofDays(1))),
                                Date.from(now.plus(Duration.ofDays(30))),
                                new X500Name("CN=Casey Core"),
                                key.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    }
}
