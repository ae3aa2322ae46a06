package org.selfrenewal.client;

/** The card holder stopped the renewal at a point where that was safe; the card was put back as it was. */
public final class RenewalCancelledException extends Exception {
    private static final long serialVersionUID = 1L;

    public RenewalCancelledException(RenewalStep before) {
        super("Renewal stopped before " + before);
    }
}
