package org.selfrenewal.card;

/**
 * Base of every failure reported by this module: a {@link CardProblem} code, which the card holder's views
 * put into words, and {@link #getMessage()} in plain English for the RA's command line and the logs. It never contains a stack
 * trace, a passcode or key material; technical detail is kept in the cause.
 */
public class CardException extends Exception {
    private static final long serialVersionUID = 1L;

    private final CardProblem problem;

    public CardException(String userMessage) {
        this(CardProblem.OPERATION_FAILED, userMessage, null);
    }

    public CardException(String userMessage, Throwable cause) {
        this(CardProblem.OPERATION_FAILED, userMessage, cause);
    }

    protected CardException(CardProblem problem, String userMessage, Throwable cause) {
        super(userMessage, cause);
        this.problem = problem;
    }

    /** The stable code of what went wrong, for views that put it into the card holder's language. */
    public CardProblem problem() {
        return problem;
    }
}
