package org.selfrenewal.card;

/**
 * The card rejected the passcode. Carries what the card reports about the remaining tries, which a
 * card only reports coarsely (PKCS#11 token flags), never as an exact count except for the final try.
 */
public class WrongPasscodeException extends CardException {
    private static final long serialVersionUID = 1L;

    /** What the card says about the tries left before it locks. */
    public enum RemainingTries {
        /** CKF_USER_PIN_FINAL_TRY: one more wrong passcode locks the card. */
        ONE,
        /** CKF_USER_PIN_COUNT_LOW: a few tries are left. */
        FEW,
        /** The card does not say. */
        UNKNOWN
    }

    private final RemainingTries remainingTries;

    public WrongPasscodeException(RemainingTries remainingTries, Throwable cause) {
        super(CardProblem.WRONG_PASSCODE, messageFor(remainingTries), cause);
        this.remainingTries = remainingTries;
    }

    public RemainingTries remainingTries() {
        return remainingTries;
    }

    static String messageFor(RemainingTries remainingTries) {
        return switch (remainingTries) {
            case ONE -> "The passcode is not correct. You have 1 try left before your smartcard locks.";
            case FEW -> "The passcode is not correct. You have only a few tries left before your smartcard locks.";
            case UNKNOWN -> "The passcode is not correct. Check it and try again; your smartcard locks after"
                    + " too many wrong passcodes.";
        };
    }
}
