package org.selfrenewal.card;

/** The operation needs the card holder to be logged in to the card (passcode entered) first. */
public class NotLoggedInException extends CardException {
    private static final long serialVersionUID = 1L;

    public NotLoggedInException() {
        super(CardProblem.NOT_LOGGED_IN, "Enter your smartcard passcode first, then try again.", null);
    }
}
