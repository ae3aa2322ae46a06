package org.selfrenewal.card;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies a failed login or passcode change from its exception chain. SunPKCS11 reports a wrong passcode as
 * {@code IOException -> UnrecoverableKeyException -> FailedLoginException -> PKCS11Exception: CKR_PIN_INCORRECT}
 * and a locked card as {@code LoginException} caused by {@code CKR_PIN_LOCKED}; only the PKCS#11
 * return code name in the text is reliable, so that is what is matched.
 */
final class LoginFailures {

    /** What went wrong with a login or passcode change attempt. */
    enum Kind {
        WRONG_PASSCODE,
        LOCKED,
        NEW_PASSCODE_REJECTED,
        OTHER
    }

    /** Return codes of C_SetPIN that refuse the new PIN (C_Login gives them for the PIN entered). */
    private static final List<String> NEW_PIN_REFUSALS =
            List.of("CKR_PIN_LEN_RANGE", "CKR_PIN_INVALID", "CKR_PIN_TOO_WEAK");

    private LoginFailures() {}

    /** A failed login (C_Login, or SunPKCS11's key store load). */
    static Kind classify(Throwable failure) {
        return classify(failure, Kind.WRONG_PASSCODE);
    }

    /**
     * A failed C_SetPIN. After a successful C_Login with the current PIN, CKR_PIN_LEN_RANGE,
     * CKR_PIN_INVALID and CKR_PIN_TOO_WEAK are about the new PIN, not the current one.
     */
    static Kind classifyPinChange(Throwable failure) {
        return classify(failure, Kind.NEW_PASSCODE_REJECTED);
    }

    private static Kind classify(Throwable failure, Kind whenPinRefused) {
        Kind kind = Kind.OTHER;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage();
            if (text.contains("CKR_PIN_LOCKED")) {
                return Kind.LOCKED;
            }
            if (text.contains("CKR_PIN_INCORRECT")) {
                kind = Kind.WRONG_PASSCODE;
            } else if (kind == Kind.OTHER && NEW_PIN_REFUSALS.stream().anyMatch(text::contains)) {
                kind = whenPinRefused;
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
