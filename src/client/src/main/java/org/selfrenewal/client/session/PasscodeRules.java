package org.selfrenewal.client.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a passcode must look like before it is sent to the card. A passcode that cannot be right never
 * reaches the card, where a wrong one costs one of three tries.
 */
public final class PasscodeRules {

    /** Shortest and longest passcode a card holder may have today (older cards allow 4 to 8). */
    public static final int CURRENT_MIN = 4;

    public static final int CURRENT_MAX = 16;
    /** The rule for a new passcode, shown up front: 6 to 8 digits. */
    public static final int NEW_MIN = 6;

    public static final int NEW_MAX = 8;

    private PasscodeRules() {}

    /** The problem with a passcode typed to log in, if any. */
    public static Optional<ProblemCode> checkCurrent(char[] passcode) {
        if (passcode == null || passcode.length == 0) {
            return Optional.of(ProblemCode.PASSCODE_EMPTY);
        }
        if (passcode.length < CURRENT_MIN || passcode.length > CURRENT_MAX || !lettersAndDigits(passcode)) {
            return Optional.of(ProblemCode.PASSCODE_MALFORMED);
        }
        return Optional.empty();
    }

    /** The problem with a passcode change, if any: current first, then the new rule, the repeat, and sameness. */
    public static Optional<ProblemCode> checkChange(char[] current, char[] replacement, char[] repeated) {
        Optional<ProblemCode> currentProblem = checkCurrent(current);
        if (currentProblem.isPresent()) {
            return currentProblem;
        }
        if (replacement == null
                || replacement.length < NEW_MIN
                || replacement.length > NEW_MAX
                || !digits(replacement)) {
            return Optional.of(ProblemCode.NEW_PASSCODE_RULE);
        }
        if (!Arrays.equals(replacement, repeated)) {
            return Optional.of(ProblemCode.NEW_PASSCODE_MISMATCH);
        }
        if (Arrays.equals(current, replacement)) {
            return Optional.of(ProblemCode.NEW_PASSCODE_SAME_AS_CURRENT);
        }
        return Optional.empty();
    }

    private static boolean lettersAndDigits(char[] passcode) {
        for (char c : passcode) {
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(char[] passcode) {
        for (char c : passcode) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
