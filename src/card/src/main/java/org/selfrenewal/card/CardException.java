package org.selfrenewal.card;

/**
 * Base of every failure reported by this module. {@link #getMessage()} is plain English that can be
 * shown to a card holder as it is: what happened and what to do next. It never contains a stack
 * trace, a passcode or key material; technical detail is kept in the cause.
 */
public class CardException extends Exception {
    private static final long serialVersionUID = 1L;

    public CardException(String userMessage) {
        super(userMessage);
    }

    public CardException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
