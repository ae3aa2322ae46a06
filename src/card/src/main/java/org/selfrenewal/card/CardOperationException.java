package org.selfrenewal.card;

/** An operation on the card failed (key generation, signing, writing or deleting objects, ...). */
public class CardOperationException extends CardException {
    private static final long serialVersionUID = 1L;

    public CardOperationException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }

    public CardOperationException(String userMessage) {
        super(userMessage);
    }
}
