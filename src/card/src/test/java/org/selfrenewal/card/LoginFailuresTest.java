package org.selfrenewal.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.UnrecoverableKeyException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;
import org.selfrenewal.card.LoginFailures.Kind;
import org.selfrenewal.card.WrongPasscodeException.RemainingTries;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

class LoginFailuresTest {

    /** The chain SunPKCS11 produces for a wrong passcode (measured on SoftHSM2). */
    private static Exception sunPkcs11Chain(Throwable root) {
        FailedLoginException login = new FailedLoginException();
        login.initCause(root);
        UnrecoverableKeyException key = new UnrecoverableKeyException("login failed");
        key.initCause(login);
        return new IOException("load failed", key);
    }

    @Test
    void wrongPasscodeDeepInTheChain() {
        assertEquals(Kind.WRONG_PASSCODE, LoginFailures.classify(sunPkcs11Chain(new Exception("CKR_PIN_INCORRECT"))));
        assertEquals(
                Kind.WRONG_PASSCODE,
                LoginFailures.classify(sunPkcs11Chain(new PKCS11Exception(PKCS11Constants.CKR_PIN_INCORRECT))));
        assertEquals(Kind.WRONG_PASSCODE, LoginFailures.classify(sunPkcs11Chain(new Exception("CKR_PIN_LEN_RANGE"))));
    }

    @Test
    void lockedCard() {
        LoginException locked = new LoginException();
        locked.initCause(new Exception("CKR_PIN_LOCKED"));
        assertEquals(Kind.LOCKED, LoginFailures.classify(new IOException("load failed", locked)));
        assertEquals(Kind.LOCKED, LoginFailures.classify(sunPkcs11Chain(new Exception("CKR_PIN_LOCKED"))));
    }

    @Test
    void lockedWinsOverIncorrect() {
        Exception both = new IOException("CKR_PIN_INCORRECT", new Exception("CKR_PIN_LOCKED"));
        assertEquals(Kind.LOCKED, LoginFailures.classify(both));
    }

    @Test
    void anythingElse() {
        assertEquals(Kind.OTHER, LoginFailures.classify(sunPkcs11Chain(new Exception("CKR_DEVICE_REMOVED"))));
        assertEquals(Kind.OTHER, LoginFailures.classify(new IOException((String) null)));
    }

    @Test
    void survivesCyclicCauses() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertEquals(Kind.OTHER, LoginFailures.classify(a));
    }

    @Test
    void passcodeChangeTellsARefusedNewPasscodeFromAWrongCurrentOne() {
        for (long refusal : new long[] {
            PKCS11Constants.CKR_PIN_LEN_RANGE, PKCS11Constants.CKR_PIN_INVALID, PKCS11Constants.CKR_PIN_TOO_WEAK
        }) {
            assertEquals(Kind.NEW_PASSCODE_REJECTED, LoginFailures.classifyPinChange(new PKCS11Exception(refusal)));
            assertEquals(
                    Kind.WRONG_PASSCODE,
                    LoginFailures.classify(new PKCS11Exception(refusal)),
                    "at login the same codes are about the passcode entered");
        }
        assertEquals(
                Kind.WRONG_PASSCODE,
                LoginFailures.classifyPinChange(new PKCS11Exception(PKCS11Constants.CKR_PIN_INCORRECT)));
        assertEquals(Kind.LOCKED, LoginFailures.classifyPinChange(new PKCS11Exception(PKCS11Constants.CKR_PIN_LOCKED)));
        assertEquals(
                Kind.OTHER,
                LoginFailures.classifyPinChange(new PKCS11Exception(PKCS11Constants.CKR_FUNCTION_NOT_SUPPORTED)));
    }

    @Test
    void remainingTriesFromTokenFlags() {
        assertEquals(RemainingTries.ONE, LoginFailures.remainingTries(flags(true, true)));
        assertEquals(RemainingTries.FEW, LoginFailures.remainingTries(flags(true, false)));
        assertEquals(RemainingTries.UNKNOWN, LoginFailures.remainingTries(flags(false, false)));
        assertEquals(RemainingTries.UNKNOWN, LoginFailures.remainingTries(null));
    }

    @Test
    void messagesArePlainEnglish() {
        assertEquals(
                "The passcode is not correct. You have 1 try left before your smartcard locks.",
                new WrongPasscodeException(RemainingTries.ONE, null).getMessage());
        for (RemainingTries r : RemainingTries.values()) {
            String m = new WrongPasscodeException(r, new IllegalStateException("CKR_PIN_INCORRECT")).getMessage();
            assertTrue(m.startsWith("The passcode is not correct."), m);
            assertFalse(m.contains("CKR_") || m.contains("Exception"), m);
        }
        assertTrue(new CardLockedException(null).getMessage().contains("self-service unlock"));
    }

    private static TokenDescription flags(boolean countLow, boolean finalTry) {
        return new TokenDescription("l", "s", "m", "model", true, countLow, finalTry, false);
    }
}
