package org.selfrenewal.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfrenewal.protocol.CredentialPurpose;

/** The card contract on SoftHSM2, plus what only SoftHSM2 shows: it never locks but flags a wrong passcode. */
class SoftHsmCardTest extends Pkcs11CardContract {

    @Override
    protected TokenLocation newToken() throws Exception {
        return SoftHsmTestTokens.newToken();
    }

    @Override
    protected char[] userPin() {
        return SoftHsmTestTokens.USER_PIN;
    }

    @Override
    protected void assertMaker(TokenDescription description) {
        assertTrue(description.manufacturer().contains("SoftHSM"), description.manufacturer());
    }

    @Override
    protected WrongPasscodeException.RemainingTries triesLeftAfterOneWrongPasscode() {
        return WrongPasscodeException.RemainingTries.FEW; // CKF_USER_PIN_COUNT_LOW
    }

    @Override
    protected PasscodeLengths passcodeLengths() {
        return new PasscodeLengths(4, 255, List.of("123", "7391".repeat(64)), true);
    }

    @Test
    void wrongPasscodeSetsTheCountLowFlagUntilTheRightOne() throws Exception {
        try (Card card = Pkcs11Card.open(newToken())) {
            assertThrows(WrongPasscodeException.class, () -> card.login("000000".toCharArray()));
            assertTrue(card.describe().pinCountLow());
            card.login(userPin());
            assertFalse(card.describe().pinCountLow(), "a good passcode clears the count-low flag");
        }
    }

    @Test
    void missingCardOrLibraryIsReportedPlainly() throws Exception {
        SoftHsmTestTokens.tokens();
        CardNotFoundException noLabel = assertThrows(
                CardNotFoundException.class,
                () -> Pkcs11Card.open(TokenLocation.byLabel(TokenLocation.SOFTHSM2_LIBRARY, "no-such-card")));
        assertTrue(noLabel.getMessage().startsWith("No smartcard was found. Check the card is in the reader"));
        assertThrows(
                CardNotFoundException.class,
                () -> Pkcs11Card.open(TokenLocation.bySlotId(TokenLocation.SOFTHSM2_LIBRARY, 999_999)));
        CardNotFoundException noLib = assertThrows(
                CardNotFoundException.class,
                () -> Pkcs11Card.open(TokenLocation.byLabel(Path.of("/nonexistent/libp11.so"), "x")));
        assertFalse(noLib.getMessage().contains("Exception"));
        assertEquals(CardProblem.LIBRARY_MISSING, noLib.problem());
    }

    @Test
    void findsAndRemovesAHalfWrittenKeyLeftByAnInterruptedRun() throws Exception {
        TokenLocation location = newToken();
        String leftOver;
        try (Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            CardSeeding.seed(card, Instant.now().plus(Duration.ofDays(60)));
            GeneratedKeyPair pair = card.generateKeyPair(CredentialPurpose.SIGNING);
            leftOver = pair.id();
        } // the run ends here: the card is closed with a key and no certificate on it
        try (Pkcs11Card card = Pkcs11Card.open(location)) {
            card.login(userPin());
            List<CardKey> found = card.keysWithoutCertificate();
            assertEquals(List.of(leftOver), found.stream().map(CardKey::id).toList(), "only the half-written key");
            assertTrue(
                    KeyLabels.isNewKeyLabel(found.get(0).label()), found.get(0).label());
            card.deleteObjects(leftOver);
            assertEquals(0, card.credentialObjectCount(leftOver));
            assertEquals(List.of(), card.keysWithoutCertificate());
            assertEquals(2, card.credentials().size(), "the card's credentials are untouched");
            card.deleteObjects(leftOver); // already gone: nothing to do, no error
            assertThrows(IllegalArgumentException.class, () -> card.deleteObjects("not hex"));
        }
    }
}
