package org.selfrenewal.client;

/**
 * The confirmation was sent but its answer never came: the service may have made the new certificates current.
 * Nothing is rolled back; the card keeps both its old and its new credentials, and the next run asks the
 * service how the renewal ended and finishes or undoes it.
 */
public final class RenewalUnfinishedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String renewalId;

    public RenewalUnfinishedException(String renewalId, Throwable cause) {
        super("renewal " + renewalId + " was confirmed but the service's answer was lost", cause);
        this.renewalId = renewalId;
    }

    public String renewalId() {
        return renewalId;
    }
}
