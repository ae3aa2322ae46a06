package org.selfrenewal.card;

/** The card's passcode is locked (too many wrong passcodes); nothing can be done until it is unlocked. */
public class CardLockedException extends CardException {
    private static final long serialVersionUID = 1L;

    /** The standard message for a card holder. */
    public static final String MESSAGE =
            "Your smartcard is locked. Unlock it first using the self-service" + " unlock process, then renew.";

    public CardLockedException(Throwable cause) {
        super(CardProblem.LOCKED, MESSAGE, cause);
    }
}
