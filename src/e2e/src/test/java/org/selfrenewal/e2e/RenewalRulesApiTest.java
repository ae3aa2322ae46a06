package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.IssueRequest;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.protocol.ApiPaths;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.protocol.StartRenewal;
import org.selfrenewal.server.persistence.CertificateRecord;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;

/**
 * The server's own enforcement of every renewal rule, over real HTTP, with requests a genuine client
 * would never send. One named test per way a renewal can be refused (step-ca style "fail/..." names).
 */
class RenewalRulesApiTest {

    private InProcessServer server;
    private RenewalApiClient api;
    private SoftwareCard card;
    private Path work;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        work = TestDirectories.fresh(test);
        server = InProcessServer.start(work);
        api = new RenewalApiClient(server.baseUri());
        card = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
    }

    @AfterEach
    void tearDown() throws Exception {
        api.close();
        server.close();
    }

    @Test
    @DisplayName("success: proof, requests and confirmation make the new certificates current")
    void success_renewalWithSoftwareKeys() throws Exception {
        Renewed renewed = renewFully(card);
        assertEquals(RenewalState.CONFIRMED, renewed.state);
        assertEquals(
                List.of(
                        CertificateStatus.SUPERSEDED,
                        CertificateStatus.SUPERSEDED,
                        CertificateStatus.CURRENT,
                        CertificateStatus.CURRENT),
                statuses());
        X509Certificate newAuth = CertificateCodec.decode(renewed.issued.authenticationCertificate());
        assertEquals(card.authentication.getSubjectX500Principal(), newAuth.getSubjectX500Principal());
    }

    @Test
    @DisplayName("fail/forged-possession: a proof signed by another key is refused and changes nothing")
    void fail_forgedProofOfPossession() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        KeyPair a = SoftwareCard.rsa(2048);
        KeyPair s = SoftwareCard.rsa(2048);
        CertificateRequests genuine = card.requests(server.baseUri(), started.renewalId(), started.challenge(), a, s);
        KeyPair impostor = SoftwareCard.rsa(2048);
        CertificateRequests forged = new CertificateRequests(
                SoftwareCard.sign(
                        impostor.getPrivate(),
                        SignedMessages.possession(
                                server.baseUri(),
                                started.renewalId(),
                                started.challenge(),
                                CertificateCodec.unbase64(genuine.authenticationCsr()),
                                CertificateCodec.unbase64(genuine.signingCsr()))),
                genuine.authenticationCsr(),
                genuine.signingCsr());

        assertRefused(ErrorCode.PROOF_OF_POSSESSION_FAILED, () -> api.submitRequests(started.renewalId(), forged));
        assertEquals(List.of(CertificateStatus.CURRENT, CertificateStatus.CURRENT), statuses());
        // the forgery disturbed nothing: the card holder's own proof still goes through
        api.submitRequests(started.renewalId(), genuine);
    }

    @Test
    @DisplayName("fail/forged-possession: a signature over another renewal's challenge is refused")
    void fail_proofForAnotherChallenge() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        CertificateRequests replayed = card.requests(
                server.baseUri(),
                started.renewalId(),
                "another-challenge",
                SoftwareCard.rsa(2048),
                SoftwareCard.rsa(2048));
        assertRefused(ErrorCode.PROOF_OF_POSSESSION_FAILED, () -> api.submitRequests(started.renewalId(), replayed));
    }

    @Test
    @DisplayName("fail/csr-signature: a request signed by a key other than the one it names is refused")
    void fail_csrSignedByAnotherKey() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        KeyPair requested = SoftwareCard.rsa(2048);
        KeyPair other = SoftwareCard.rsa(2048);
        KeyPair signingKey = SoftwareCard.rsa(2048);
        String authCsr = SoftwareCard.csr(requested.getPublic(), other.getPrivate(), card.authentication);
        String signCsr = SoftwareCard.csr(signingKey.getPublic(), signingKey.getPrivate(), card.signing);
        CertificateRequests request = new CertificateRequests(
                card.proofOfPossession(server.baseUri(), started.renewalId(), started.challenge(), authCsr, signCsr),
                authCsr,
                signCsr);

        RenewalRefusedException refused = assertRefused(
                ErrorCode.CERTIFICATE_REQUEST_INVALID, () -> api.submitRequests(started.renewalId(), request));
        assertTrue(refused.getMessage().contains("Try again"), refused.getMessage());
        assertEquals(2, statuses().size(), "no certificate may be issued");
    }

    @Test
    @DisplayName("fail/not-issued-by-us: certificates from another CA with the same names are refused")
    void fail_certificateNotIssuedByUs() throws Exception {
        CaHierarchy foreign =
                DevelopmentHierarchy.create(work.resolve("foreign-ca"), "foreign".toCharArray(), server.clock);
        X509Certificate fakeAuth = foreign.issue(IssueRequest.forPurpose(CredentialPurpose.AUTHENTICATION)
                .copySubjectAndAltNamesFrom(card.authentication)
                .publicKey(card.authenticationKey.getPublic())
                .validUntil(server.now().plus(Duration.ofDays(30))));
        X509Certificate fakeSign = foreign.issue(IssueRequest.forPurpose(CredentialPurpose.SIGNING)
                .copySubjectAndAltNamesFrom(card.signing)
                .publicKey(card.signingKey.getPublic())
                .validUntil(server.now().plus(Duration.ofDays(30))));

        RenewalRefusedException refused = assertRefused(
                ErrorCode.CERTIFICATE_NOT_RECOGNISED,
                () -> api.start(
                        new StartRenewal(CertificateCodec.encode(fakeAuth), CertificateCodec.encode(fakeSign))));
        assertTrue(refused.getMessage().contains("registration authority"), refused.getMessage());
    }

    @Test
    @DisplayName("fail/superseded: the old certificates cannot start a second renewal after success")
    void fail_secondRenewalWithSupersededCertificates() throws Exception {
        renewFully(card);
        assertRefused(ErrorCode.CERTIFICATE_SUPERSEDED, () -> api.start(card.startRequest()));
    }

    @Test
    @DisplayName("fail/revoked: a card the RA revoked cannot renew")
    void fail_revoked() throws Exception {
        server.context.registrationAuthority().revokeCard(card.cardId, "lost");
        assertRefused(ErrorCode.CERTIFICATE_REVOKED, () -> api.start(card.startRequest()));
    }

    @Test
    @DisplayName("fail/card-mismatch: certificates of two different cards are refused")
    void fail_certificatesOfTwoCards() throws Exception {
        SoftwareCard other = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
        assertRefused(
                ErrorCode.CARD_MISMATCH,
                () -> api.start(new StartRenewal(
                        CertificateCodec.encode(card.authentication), CertificateCodec.encode(other.signing))));
    }

    @Test
    @DisplayName("fail/wrong-purpose: the signing certificate presented as the authentication one is refused")
    void fail_certificatesSwapped() throws Exception {
        assertRefused(
                ErrorCode.WRONG_CERTIFICATE_PURPOSE,
                () -> api.start(new StartRenewal(
                        CertificateCodec.encode(card.signing), CertificateCodec.encode(card.authentication))));
    }

    @Test
    @DisplayName("fail/weak-key: an RSA-1024 key is refused")
    void fail_weakKey() throws Exception {
        assertRefused(ErrorCode.KEY_NOT_ACCEPTED, submitWithKeys(SoftwareCard.rsa(1024), SoftwareCard.rsa(2048)));
    }

    @Test
    @DisplayName("fail/key-reused: renewing with the current key instead of a new one is refused")
    void fail_keyReused() throws Exception {
        assertRefused(ErrorCode.KEY_NOT_ACCEPTED, submitWithKeys(card.authenticationKey, SoftwareCard.rsa(2048)));
    }

    @Test
    @DisplayName("fail/key-reused: one new key for both certificates is refused")
    void fail_sameNewKeyForBoth() throws Exception {
        KeyPair fresh = SoftwareCard.rsa(2048);
        assertRefused(ErrorCode.KEY_NOT_ACCEPTED, submitWithKeys(fresh, fresh));
    }

    @Test
    @DisplayName("fail/confirmation: a confirmation signed with the old key leaves the old certificates current")
    void fail_confirmationWithOldKey() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        Keys keys = new Keys();
        IssuedCertificates issued =
                api.submitRequests(started.renewalId(), keys.requests(card, started, server.baseUri()));
        X509Certificate newAuth = CertificateCodec.decode(issued.authenticationCertificate());
        String withOldKey = SoftwareCard.sign(
                card.authenticationKey.getPrivate(),
                SignedMessages.confirmation(
                        started.renewalId(), started.challenge(), CertificateCodec.serialHex(newAuth)));

        assertRefused(
                ErrorCode.CONFIRMATION_FAILED, () -> api.confirm(started.renewalId(), new CardSignature(withOldKey)));
        assertEquals(
                List.of(
                        CertificateStatus.CURRENT,
                        CertificateStatus.CURRENT,
                        CertificateStatus.PENDING,
                        CertificateStatus.PENDING),
                statuses());
    }

    @Test
    @DisplayName("fail/timed-out: requests after the renewal's time ran out are refused, nothing issued")
    void fail_timedOut() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        server.clock.advance(Duration.ofMinutes(11));
        assertRefused(
                ErrorCode.RENEWAL_TIMED_OUT,
                () -> api.submitRequests(started.renewalId(), new Keys().requests(card, started, server.baseUri())));
        assertEquals(2, statuses().size());
    }

    @Test
    @DisplayName("cancel: a cancelled renewal's certificates are revoked, never left orphaned")
    void cancel_revokesWhatWasIssued() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        api.submitRequests(started.renewalId(), new Keys().requests(card, started, server.baseUri()));
        String signature = SoftwareCard.sign(
                card.authenticationKey.getPrivate(),
                SignedMessages.cancellation(started.renewalId(), started.challenge()));

        assertEquals(
                RenewalState.CANCELLED,
                api.cancel(started.renewalId(), new CardSignature(signature)).state());
        assertEquals(
                List.of(
                        CertificateStatus.CURRENT,
                        CertificateStatus.CURRENT,
                        CertificateStatus.REVOKED,
                        CertificateStatus.REVOKED),
                statuses());
    }

    @Test
    @DisplayName("timeout sweep: an abandoned renewal is cancelled and what it issued revoked")
    void abandoned_renewalIsCancelledBySweep() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        api.submitRequests(started.renewalId(), new Keys().requests(card, started, server.baseUri()));
        server.clock.advance(Duration.ofMinutes(11));
        assertEquals(1, server.context.core().cancelTimedOutRenewals());
        assertEquals(
                List.of(
                        CertificateStatus.CURRENT,
                        CertificateStatus.CURRENT,
                        CertificateStatus.REVOKED,
                        CertificateStatus.REVOKED),
                statuses());
    }

    @Test
    @DisplayName("fail/bad-request: unreadable JSON gets a plain-English refusal, not a stack trace")
    void fail_badRequest() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUri() + ApiPaths.RENEWALS))
                                .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"code\":\"BAD_REQUEST\""), response.body());
        assertTrue(!response.body().contains("Exception"), response.body());
    }

    private Renewed renewFully(SoftwareCard softwareCard) throws Exception {
        RenewalStarted started = api.start(softwareCard.startRequest());
        Keys keys = new Keys();
        IssuedCertificates issued =
                api.submitRequests(started.renewalId(), keys.requests(softwareCard, started, server.baseUri()));
        X509Certificate newAuth = CertificateCodec.decode(issued.authenticationCertificate());
        String confirmation = SoftwareCard.sign(
                keys.authentication.getPrivate(),
                SignedMessages.confirmation(
                        started.renewalId(), started.challenge(), CertificateCodec.serialHex(newAuth)));
        return new Renewed(
                issued,
                api.confirm(started.renewalId(), new CardSignature(confirmation))
                        .state());
    }

    /** Starts a renewal and returns the call that submits genuine-looking requests for the given keys. */
    private ThrowingCall submitWithKeys(KeyPair authentication, KeyPair signing) throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        CertificateRequests requests =
                card.requests(server.baseUri(), started.renewalId(), started.challenge(), authentication, signing);
        return () -> api.submitRequests(started.renewalId(), requests);
    }

    private List<CertificateStatus> statuses() {
        return server
                .context
                .database()
                .inTransaction(c -> new CertificateRepository().findByCard(c, card.cardId))
                .stream()
                .map(CertificateRecord::status)
                .toList();
    }

    private static RenewalRefusedException assertRefused(ErrorCode expected, ThrowingCall call) {
        RenewalRefusedException refused = assertThrows(RenewalRefusedException.class, call::run);
        assertEquals(expected, refused.error().code(), refused.getMessage());
        return refused;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    /** New key pairs for one renewal and the requests that name them. */
    private static final class Keys {
        final KeyPair authentication;
        final KeyPair signing;

        Keys() throws Exception {
            authentication = SoftwareCard.rsa(2048);
            signing = SoftwareCard.rsa(2048);
        }

        CertificateRequests requests(SoftwareCard card, RenewalStarted started, URI service) throws Exception {
            return card.requests(service, started.renewalId(), started.challenge(), authentication, signing);
        }
    }

    private record Renewed(IssuedCertificates issued, RenewalState state) {}
}
