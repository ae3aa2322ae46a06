package org.selfrenewal.ca;

/** Base of the checked exceptions thrown by the certificate authority core. */
public class CaException extends Exception {

    private static final long serialVersionUID = 1L;

    public CaException(String message) {
        super(message);
    }

    public CaException(String message, Throwable cause) {
        super(message, cause);
    }
}
