package org.selfrenewal.card;

/**
 * The card refused a new passcode (C_SetPIN returned CKR_PIN_LEN_RANGE, CKR_PIN_INVALID or
 * CKR_PIN_TOO_WEAK). The current passcode was right and is still in force.
 */
public class PasscodeRejectedException extends CardException {
    private static final long serialVersionUID = 1L;

    private final long minLength;
    private final long maxLength;

    /**
     * @param minLength the shortest passcode the card says it accepts (CK_TOKEN_INFO), or -1 if unknown
     * @param maxLength the longest passcode the card says it accepts (CK_TOKEN_INFO), or -1 if unknown
     */
    public PasscodeRejectedException(long minLength, long maxLength, Throwable cause) {
        super(CardProblem.NEW_PASSCODE_REJECTED, messageFor(minLength, maxLength), cause);
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** The shortest passcode the card says it accepts, or -1 if unknown. */
    public long minLength() {
        return minLength;
    }

    /** The longest passcode the card says it accepts, or -1 if unknown. */
    public long maxLength() {
        return maxLength;
    }

    private static String messageFor(long minLength, long maxLength) {
        String base = "The smartcard refused the new passcode; the current passcode is unchanged.";
        if (minLength < 0 || maxLength < minLength) {
            return base;
        }
        return base + " The card accepts passcodes of " + minLength + " to " + maxLength + " characters.";
    }
}
