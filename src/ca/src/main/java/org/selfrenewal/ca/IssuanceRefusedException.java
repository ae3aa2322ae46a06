package org.selfrenewal.ca;

/**
 * The CA refused to issue a certificate because the request breaks one of its rules (for example a
 * validity period outside the issuing CA's own). The message names the rule and is meant to be shown
 * to an operator or logged as is.
 */
public class IssuanceRefusedException extends CaException {

    private static final long serialVersionUID = 1L;

    public IssuanceRefusedException(String message) {
        super(message);
    }

    public IssuanceRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
