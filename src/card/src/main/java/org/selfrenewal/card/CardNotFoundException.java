package org.selfrenewal.card;

/** No usable smartcard: the PKCS#11 library is missing, or there is no such slot or token label. */
public class CardNotFoundException extends CardException {
    private static final long serialVersionUID = 1L;

    /** The standard message for a card holder. */
    public static final String MESSAGE = "No smartcard was found. Check the card is in the reader and the"
            + " smartcard software is installed, then try again.";

    public CardNotFoundException(String detailForLog, Throwable cause) {
        this(CardProblem.NOT_FOUND, detailForLog, cause);
    }

    private CardNotFoundException(CardProblem problem, String detailForLog, Throwable cause) {
        super(problem, MESSAGE + " (" + detailForLog + ")", cause);
    }

    /** The smartcard middleware's PKCS#11 library is not installed or cannot be loaded. */
    public static CardNotFoundException libraryMissing(String detailForLog, Throwable cause) {
        return new CardNotFoundException(CardProblem.LIBRARY_MISSING, detailForLog, cause);
    }

    public CardNotFoundException(String detailForLog) {
        this(detailForLog, null);
    }
}
