package org.selfrenewal.card;

/** No usable smartcard: the PKCS#11 library is missing, or there is no such slot or token label. */
public class CardNotFoundException extends CardException {
    private static final long serialVersionUID = 1L;

    /** The standard message for a card holder. */
    public static final String MESSAGE = "No smartcard was found. Check the card is in the reader and the"
            + " smartcard software is installed, then try again.";

    public CardNotFoundException(String detailForLog, Throwable cause) {
        super(MESSAGE + " (" + detailForLog + ")", cause);
    }

    public CardNotFoundException(String detailForLog) {
        this(detailForLog, null);
    }
}
