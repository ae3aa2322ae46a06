package org.selfrenewal.ca;

/**
 * A certificate presented to the server was not issued by one of this hierarchy's issuing CAs: its
 * issuer name is unknown, or its signature does not verify with the issuing CA of that name.
 */
public class NotIssuedByUsException extends CaException {

    private static final long serialVersionUID = 1L;

    public NotIssuedByUsException(String message) {
        super(message);
    }

    public NotIssuedByUsException(String message, Throwable cause) {
        super(message, cause);
    }
}
