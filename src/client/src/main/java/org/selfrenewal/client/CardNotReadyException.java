package org.selfrenewal.client;

/** The card cannot be renewed as it is (missing certificate, not due, expired): the message says why and what to do. */
public final class CardNotReadyException extends Exception {
    public CardNotReadyException(String message) {
        super(message);
    }
}
