package org.selfrenewal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.CardSeeding;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.SoftHsmTestTokens;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.FaultyCard.Operation;
import org.selfrenewal.client.ScriptedRenewalApi.Call;

/**
 * The client's roll-back, the most safety-critical code it has: a failure at each point of a renewal on a
 * real SoftHSM2 card, against a scripted service. Before confirmation the card must end exactly as it was
 * (the same two credentials, no other key, public key or certificate) and the service be told to cancel.
 */
class CardRenewalRollbackTest {

    private TokenLocation location;
    private Pkcs11Card real;
    private List<CardCredential> original;
    private final List<RenewalStep> steps = new ArrayList<>();
    private boolean undone;

    @BeforeEach
    void seedCard() throws Exception {
        location = SoftHsmTestTokens.newToken();
        real = Pkcs11Card.open(location);
        real.login(SoftHsmTestTokens.USER_PIN);
        original = CardSeeding.seed(real, Instant.now().plus(Duration.ofDays(30)));
    }

    @AfterEach
    void closeCard() {
        if (real != null) {
            real.close();
        }
    }

    private CardRenewal renewal(FaultyCard card, ScriptedRenewalApi api) {
        return new CardRenewal(card, api, Clock.systemUTC(), new RenewalListener() {
            @Override
            public void stepStarted(RenewalStep step) {
                steps.add(step);
            }

            @Override
            public void undoing() {
                undone = true;
            }
        });
    }

    private void assertCardAsItWas(ScriptedRenewalApi api) throws Exception {
        assertTrue(undone, "the roll-back ran");
        assertEquals(serials(original), serials(real.credentials()), "the same two credentials");
        assertEquals(new CardObjects(2, 2, 2), CardObjects.on(location), "no other key or certificate on the card");
        original.forEach(credential -> {
            try {
                real.proveKeyPair(credential);
            } catch (CardException e) {
                throw new AssertionError("the old credential must still work", e);
            }
        });
        assertTrue(api.calls.contains(Call.CANCEL), "the service was asked to cancel: " + api.calls);
    }

    @Test
    @DisplayName("fail/after-key-1: the second key cannot be made; the first is removed")
    void failsAfterFirstKey() throws Exception {
        ScriptedRenewalApi api = new ScriptedRenewalApi();
        FaultyCard card = new FaultyCard(real).failOn(Operation.GENERATE_KEY_PAIR, 2);
        assertThrows(CardException.class, () -> renewal(card, api).renew(true));
        assertCardAsItWas(api);
    }

    @Test
    @DisplayName("fail/after-key-2: the proof cannot be signed; both new keys are removed")
    void failsAfterSecondKey() throws Exception {
        ScriptedRenewalApi api = new ScriptedRenewalApi();
        // the possession proof is the first signature made with an old key (CSRs are signed by the new keys
        // through their own provider instances, not through Card.sign)
        FaultyCard card = new FaultyCard(real).failOn(Operation.SIGN, 1);
        assertThrows(CardException.class, () -> renewal(card, api).renew(true));
        assertCardAsItWas(api);
    }

    @Test
    @DisplayName("fail/after-request: the service refuses the certificate requests")
    void failsAfterRequest() throws Exception {
        ScriptedRenewalApi api = new ScriptedRenewalApi().refuse(Call.SUBMIT);
        assertThrows(RenewalRefusedException.class, () -> renewal(new FaultyCard(real), api)
                .renew(true));
        assertCardAsItWas(api);
    }

    @Test
    @DisplayName("fail/after-request-lost: the connection drops on the certificate requests")
    void failsWhenRequestIsLost() throws Exception {
        ScriptedRenewalApi api = new ScriptedRenewalApi().dropConnection(Call.SUBMIT);
        assertThrows(ServiceUnreachableException.class, () -> renewal(new FaultyCard(real), api)
                .renew(true));
        assertCardAsItWas(api);
    }

    @Test
    @DisplayName("fail/after-one-certificate: the second certificate cannot be written; the first is removed too")
    void failsAfterOneCertificate() throws Exception {
        ScriptedRenewalApi api = new ScriptedRenewalApi();
        FaultyCard card = new FaultyCard(real).failOn(Operation.STORE_CERTIFICATE, 2);
        assertThrows(CardException.class, () -> renewal(card, api).renew(true));
        assertCardAsItWas(api);
    }

    @Test
    @DisplayName("fail/confirmation-refused: the service refuses the confirmation; the new credentials are removed")
    void failsWhenConfirmationRefused() throws Exception {
        ScriptedRenewalApi api = new ScriptedRenewalApi().refuse(Call.CONFIRM);
        assertThrows(RenewalRefusedException.class, () -> renewal(new FaultyCard(real), api)
                .renew(true));
        assertCardAsItWas(api);
    }

    @Test
    @DisplayName("stop/before-request: a stop asked for while keys are made rolls the card back")
    void stopBeforeRequest() throws Exception {
        ScriptedRenewalApi api = new ScriptedRenewalApi();
        CurrentCredentials old = CurrentCredentials.of(real.credentials());
        CardRenewal renewal = renewal(new FaultyCard(real), api);
        assertThrows(
                RenewalCancelledException.class,
                () -> renewal.complete(
                        CardRenewal.start(api, old), old, () -> steps.contains(RenewalStep.GENERATING_SIGNING_KEY)));
        assertFalse(api.calls.contains(Call.SUBMIT), "nothing was requested");
        assertCardAsItWas(api);
    }

    @Test
    @DisplayName("stop/at-confirmation: a stop asked for once confirming has begun is not honoured; it finishes")
    void stopAtConfirmationFinishes() throws Exception {
        ScriptedRenewalApi api = new ScriptedRenewalApi();
        CurrentCredentials old = CurrentCredentials.of(real.credentials());
        CurrentCredentials renewed = renewal(new FaultyCard(real), api)
                .complete(CardRenewal.start(api, old), old, () -> steps.contains(RenewalStep.CONFIRMING));
        assertRenewed(renewed, api);
    }

    @Test
    @DisplayName("ok: the card ends with exactly the two new credentials, each proven")
    void succeeds() throws Exception {
        ScriptedRenewalApi api = new ScriptedRenewalApi();
        CurrentCredentials renewed = renewal(new FaultyCard(real), api).renew(true);
        assertRenewed(renewed, api);
        assertEquals(List.of(RenewalStep.values()), steps, "every step, in order");
    }

    private void assertRenewed(CurrentCredentials renewed, ScriptedRenewalApi api) throws Exception {
        assertFalse(undone);
        assertEquals(serials(renewed.both()), serials(real.credentials()));
        assertTrue(serials(original).stream().noneMatch(serials(real.credentials())::contains));
        assertEquals(new CardObjects(2, 2, 2), CardObjects.on(location));
        assertEquals(List.of(Call.START, Call.SUBMIT, Call.CONFIRM), api.calls);
        for (CardCredential credential : real.credentials()) {
            real.proveKeyPair(credential);
        }
    }

    private static Set<BigInteger> serials(List<CardCredential> credentials) {
        return credentials.stream().map(c -> c.certificate().getSerialNumber()).collect(Collectors.toSet());
    }
}
