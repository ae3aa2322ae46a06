package org.selfrenewal.client.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A passcode that cannot be right never reaches the card, where a wrong one costs a try. */
class PasscodeRulesTest {

    private static Optional<ProblemCode> current(String typed) {
        return PasscodeRules.checkCurrent(typed == null ? null : typed.toCharArray());
    }

    private static Optional<ProblemCode> change(String current, String replacement, String repeated) {
        return PasscodeRules.checkChange(current.toCharArray(), replacement.toCharArray(), repeated.toCharArray());
    }

    @Test
    void loginPasscodes() {
        assertEquals(Optional.of(ProblemCode.PASSCODE_EMPTY), current(""));
        assertEquals(Optional.of(ProblemCode.PASSCODE_EMPTY), current(null));
        assertEquals(Optional.of(ProblemCode.PASSCODE_MALFORMED), current("123"));
        assertEquals(Optional.of(ProblemCode.PASSCODE_MALFORMED), current("12345678901234567"));
        assertEquals(Optional.of(ProblemCode.PASSCODE_MALFORMED), current("12 34"));
        assertEquals(Optional.of(ProblemCode.PASSCODE_MALFORMED), current("1234\n"));
        assertEquals(Optional.of(ProblemCode.PASSCODE_MALFORMED), current("12345é"));
        assertEquals(Optional.empty(), current("1234"));
        assertEquals(Optional.empty(), current("246810"));
        assertEquals(Optional.empty(), current("abcDEF12"));
    }

    @Test
    void newPasscodes_sixToEightDigits_typedTwice_different() {
        assertEquals(Optional.of(ProblemCode.PASSCODE_EMPTY), change("", "135790", "135790"));
        assertEquals(Optional.of(ProblemCode.NEW_PASSCODE_RULE), change("246810", "12345", "12345"));
        assertEquals(Optional.of(ProblemCode.NEW_PASSCODE_RULE), change("246810", "123456789", "123456789"));
        assertEquals(Optional.of(ProblemCode.NEW_PASSCODE_RULE), change("246810", "12345a", "12345a"));
        assertEquals(Optional.of(ProblemCode.NEW_PASSCODE_MISMATCH), change("246810", "135790", "135791"));
        assertEquals(Optional.of(ProblemCode.NEW_PASSCODE_SAME_AS_CURRENT), change("246810", "246810", "246810"));
        assertEquals(Optional.empty(), change("246810", "13579024", "13579024"));
        assertEquals(Optional.empty(), change("1234", "135790", "135790"));
    }
}
