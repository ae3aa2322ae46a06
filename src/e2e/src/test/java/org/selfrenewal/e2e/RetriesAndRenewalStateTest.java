package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.RenewalRefusedException;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.ErrorResponse;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalOutcome;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.server.persistence.CertificateRepository;

/**
 * Every request is safe to send again (its answer may have been lost), and the card can ask how its renewal
 * stands: only the card's own old or new authentication key gets an answer; anyone else is told exactly what
 * an unknown renewal is told.
 */
class RetriesAndRenewalStateTest {

    private InProcessServer server;
    private RenewalApiClient api;
    private SoftwareCard card;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        server = InProcessServer.start(TestDirectories.fresh(test));
        api = new RenewalApiClient(server.baseUri());
        card = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
    }

    @AfterEach
    void tearDown() throws Exception {
        api.close();
        server.close();
    }

    private RenewalStateRequest ask(RenewalStarted renewal, X509Certificate certificate, PrivateKey key, URI service)
            throws Exception {
        byte[] der = certificate.getEncoded();
        return new RenewalStateRequest(
                CertificateCodec.base64(der),
                SoftwareCard.sign(
                        key, SignedMessages.stateQuery(service, renewal.renewalId(), renewal.challenge(), der)));
    }

    private int certificatesOfCard() {
        return server.context
                .database()
                .inTransaction(c -> new CertificateRepository().findByCard(c, card.cardId))
                .size();
    }

    @Test
    @DisplayName("retry/all: start, certificate requests, confirmation and cancellation answer a retry alike")
    void everyRequestAnswersARetryAlike() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        assertEquals(started, api.start(card.startRequest()), "a start sent again gets the same renewal");

        KeyPair newAuth = SoftwareCard.rsa(2048);
        KeyPair newSign = SoftwareCard.rsa(2048);
        CertificateRequests requests =
                card.requests(server.baseUri(), started.renewalId(), started.challenge(), newAuth, newSign);
        IssuedCertificates issued = api.submitRequests(started.renewalId(), requests);
        int afterFirst = certificatesOfCard();
        IssuedCertificates again = api.submitRequests(started.renewalId(), requests);
        assertEquals(issued, again, "the same certificates again");
        assertEquals(afterFirst, certificatesOfCard(), "nothing new issued by the retry");

        // a retry that is not the same requests (other keys) is refused and changes nothing
        CertificateRequests other = card.requests(
                server.baseUri(),
                started.renewalId(),
                started.challenge(),
                SoftwareCard.rsa(2048),
                SoftwareCard.rsa(2048));
        RenewalRefusedException refused =
                assertThrows(RenewalRefusedException.class, () -> api.submitRequests(started.renewalId(), other));
        assertEquals(ErrorCode.RENEWAL_NOT_OPEN, refused.error().code());
        assertEquals(afterFirst, certificatesOfCard());

        X509Certificate newAuthCert = CertificateCodec.decode(issued.authenticationCertificate());
        CardSignature confirmation = new CardSignature(SoftwareCard.sign(
                newAuth.getPrivate(),
                SignedMessages.confirmation(
                        started.renewalId(), started.challenge(), CertificateCodec.serialHex(newAuthCert))));
        RenewalOutcome confirmed = api.confirm(started.renewalId(), confirmation);
        assertEquals(RenewalState.CONFIRMED, confirmed.state());
        assertEquals(confirmed, api.confirm(started.renewalId(), confirmation), "a confirmation sent again");

        // a cancellation: a second renewal of another card, cancelled twice
        SoftwareCard second = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
        RenewalStarted other2 = api.start(second.startRequest());
        CardSignature cancellation = new CardSignature(SoftwareCard.sign(
                second.authenticationKey.getPrivate(),
                SignedMessages.cancellation(other2.renewalId(), other2.challenge())));
        RenewalOutcome cancelled = api.cancel(other2.renewalId(), cancellation);
        assertEquals(RenewalState.CANCELLED, cancelled.state());
        assertEquals(cancelled, api.cancel(other2.renewalId(), cancellation), "a cancellation sent again");
    }

    @Test
    @DisplayName("state/card: the old key, then (once confirmed) the new key, is told the state and certificates")
    void theCardIsTold() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        RenewalStatus before = api.state(
                started.renewalId(),
                ask(started, card.authentication, card.authenticationKey.getPrivate(), server.baseUri()));
        assertEquals(RenewalState.STARTED, before.state());
        assertNull(before.authenticationCertificate());

        KeyPair newAuth = SoftwareCard.rsa(2048);
        KeyPair newSign = SoftwareCard.rsa(2048);
        IssuedCertificates issued = api.submitRequests(
                started.renewalId(),
                card.requests(server.baseUri(), started.renewalId(), started.challenge(), newAuth, newSign));
        X509Certificate newAuthCert = CertificateCodec.decode(issued.authenticationCertificate());
        RenewalStatus issuedState = api.state(
                started.renewalId(),
                ask(started, card.authentication, card.authenticationKey.getPrivate(), server.baseUri()));
        assertEquals(RenewalState.ISSUED, issuedState.state());
        assertEquals(issued.authenticationCertificate(), issuedState.authenticationCertificate());
        assertEquals(issued.signingCertificate(), issuedState.signingCertificate());

        api.confirm(
                started.renewalId(),
                new CardSignature(SoftwareCard.sign(
                        newAuth.getPrivate(),
                        SignedMessages.confirmation(
                                started.renewalId(), started.challenge(), CertificateCodec.serialHex(newAuthCert)))));
        RenewalStatus byNewKey =
                api.state(started.renewalId(), ask(started, newAuthCert, newAuth.getPrivate(), server.baseUri()));
        assertEquals(RenewalState.CONFIRMED, byNewKey.state());
        RenewalStatus byOldKey = api.state(
                started.renewalId(),
                ask(started, card.authentication, card.authenticationKey.getPrivate(), server.baseUri()));
        assertEquals(RenewalState.CONFIRMED, byOldKey.state());
    }

    @Test
    @DisplayName("state/anyone-else: a stranger learns nothing, not even whether the renewal exists")
    void strangersLearnNothing() throws Exception {
        RenewalStarted started = api.start(card.startRequest());
        SoftwareCard stranger = SoftwareCard.issue(server, server.now().plus(Duration.ofDays(30)));
        RenewalStarted unknown =
                new RenewalStarted("00000000-0000-4000-8000-000000000000", started.challenge(), started.expiresAt());
        List<RenewalStateRequest> questions = List.of(
                // another card's own certificate and key
                ask(started, stranger.authentication, stranger.authenticationKey.getPrivate(), server.baseUri()),
                // this card's certificate with another key's signature
                ask(started, card.authentication, stranger.authenticationKey.getPrivate(), server.baseUri()),
                // this card's signature, made for another service (relayed)
                ask(
                        started,
                        card.authentication,
                        card.authenticationKey.getPrivate(),
                        URI.create("https://relay.example")),
                // this card's signing certificate and key (not the authentication credential)
                ask(started, card.signing, card.signingKey.getPrivate(), server.baseUri()),
                // a signature over a wrong challenge
                ask(
                        new RenewalStarted(started.renewalId(), "d3JvbmctY2hhbGxlbmdlLXZhbHVl", started.expiresAt()),
                        card.authentication,
                        card.authenticationKey.getPrivate(),
                        server.baseUri()));
        ErrorResponse forUnknown = assertThrows(
                        RenewalRefusedException.class,
                        () -> api.state(
                                unknown.renewalId(),
                                ask(
                                        unknown,
                                        card.authentication,
                                        card.authenticationKey.getPrivate(),
                                        server.baseUri())))
                .error();
        assertEquals(ErrorCode.RENEWAL_NOT_FOUND, forUnknown.code());
        for (RenewalStateRequest question : questions) {
            ErrorResponse answer = assertThrows(
                            RenewalRefusedException.class, () -> api.state(started.renewalId(), question))
                    .error();
            assertEquals(forUnknown, answer, "the same answer as for a renewal that does not exist");
        }
        // and the genuine card is still told
        assertTrue(api.state(
                                started.renewalId(),
                                ask(
                                        started,
                                        card.authentication,
                                        card.authenticationKey.getPrivate(),
                                        server.baseUri()))
                        .state()
                == RenewalState.STARTED);
    }
}
