package org.selfrenewal.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selfrenewal.card.SoftwareTpmCard.USER_PIN;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A card that really locks: three wrong passcodes on the software TPM, then nothing works. */
class TpmLockoutTest {

    private static final char[] WRONG = "000000".toCharArray();
    private SoftwareTpmCard tpm;

    @BeforeEach
    void unlockedTpm() {
        tpm = SoftwareTpmCard.start();
        tpm.resetLockout();
    }

    @Test
    void threeWrongPasscodesLockTheCardEvenForTheRightOne() throws Exception {
        try (Card card = Pkcs11Card.open(tpm.newCard())) {
            for (int i = 1; i <= SoftwareTpmCard.MAX_TRIES; i++) {
                WrongPasscodeException e = assertThrows(WrongPasscodeException.class, () -> card.login(WRONG));
                assertEquals(
                        WrongPasscodeException.RemainingTries.UNKNOWN,
                        e.remainingTries(),
                        "tpm2-pkcs11 reports no count-low or final-try flag");
                assertEquals(i, tpm.lockoutCounter());
            }
            CardLockedException locked = assertThrows(CardLockedException.class, () -> card.login(USER_PIN));
            assertEquals(CardProblem.LOCKED, locked.problem());
            assertEquals(
                    LoginFailures.Kind.LOCKED,
                    LoginFailures.classify(locked.getCause()),
                    "CKR_PIN_LOCKED from the token");
            assertFalse(card.isLoggedIn());
        }
    }

    @Test
    void aRightPasscodeDoesNotResetTheCountOfWrongOnes() throws Exception {
        try (Card card = Pkcs11Card.open(tpm.newCard())) {
            assertThrows(WrongPasscodeException.class, () -> card.login(WRONG));
            assertThrows(WrongPasscodeException.class, () -> card.login(WRONG));
            card.login(USER_PIN);
            assertEquals(2, tpm.lockoutCounter(), "unlike a smartcard, the TPM keeps counting");
            assertThrows(WrongPasscodeException.class, () -> card.login(WRONG));
            assertThrows(CardLockedException.class, () -> card.login(USER_PIN));
        }
    }

    @Test
    void theCountIsSharedByEveryTokenOfTheTpm() throws Exception {
        try (Card first = Pkcs11Card.open(tpm.newCard());
                Card second = Pkcs11Card.open(tpm.newCard())) {
            for (int i = 0; i < SoftwareTpmCard.MAX_TRIES; i++) {
                assertThrows(WrongPasscodeException.class, () -> first.login(WRONG));
            }
            assertThrows(CardLockedException.class, () -> second.login(USER_PIN));
        }
    }

    @Test
    void changingThePasscodeOfALockedCardIsRefused() throws Exception {
        try (Card card = Pkcs11Card.open(tpm.newCard())) {
            for (int i = 0; i < SoftwareTpmCard.MAX_TRIES; i++) {
                assertThrows(WrongPasscodeException.class, () -> card.login(WRONG));
            }
            assertThrows(CardLockedException.class, () -> card.changePasscode(USER_PIN, "246810".toCharArray()));
            tpm.resetLockout();
            card.login(USER_PIN);
            assertTrue(card.isLoggedIn(), "the passcode was not changed");
        }
    }
}
