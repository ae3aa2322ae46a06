package org.selfrenewal.ca;

/** A certificate request this CA will not act on: unreadable, not signed by its key, or signed too weakly. */
public class UnacceptableRequestException extends IssuanceRefusedException {

    private static final long serialVersionUID = 1L;

    public UnacceptableRequestException(String message) {
        super(message);
    }
}
