package org.selfrenewal.card;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Classifies a failed login from its exception chain. SunPKCS11 reports a wrong passcode as
 * {@code IOException -> UnrecoverableKeyException -> FailedLoginException -> PKCS11Exception: CKR_PIN_INCORRECT}
 * and a locked card as {@code LoginException} caused by {@code CKR_PIN_LOCKED}; only the PKCS#11
 * return code name in the text is reliable, so that is what is matched.
 */
final class LoginFailures {

    /** What went wrong with a login attempt. */
    enum Kind { WRONG_PASSCODE, LOCKED, OTHER }

    private LoginFailures() {
    }

    static Kind classify(Throwable failure) {
        Kind kind = Kind.OTHER;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage();
            if (text.contains("CKR_PIN_LOCKED")) {
                return Kind.LOCKED;
            }
            if (text.contains("CKR_PIN_INCORRECT") || text.contains("CKR_PIN_INVALID")
                    || text.contains("CKR_PIN_LEN_RANGE")) {
                kind = Kind.WRONG_PASSCODE;
            }
        }
        return kind;
    }

    /** What the token flags (read after the failure) say about the tries left. */
    static WrongPasscodeException.RemainingTries remainingTries(TokenDescription after) {
        if (after == null) {
            return WrongPasscodeException.RemainingTries.UNKNOWN;
        }
        if (after.pinFinalTry()) {
            return WrongPasscodeException.RemainingTries.ONE;
        }
        if (after.pinCountLow()) {
            return WrongPasscodeException.RemainingTries.FEW;
        }
        return WrongPasscodeException.RemainingTries.UNKNOWN;
    }
}
