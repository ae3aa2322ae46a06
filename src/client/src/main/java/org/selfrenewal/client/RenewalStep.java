package org.selfrenewal.client;

/**
 * The steps of a renewal, in order, as the card holder sees them in the progress window. A renewal may be
 * stopped before any step that is {@link #cancellable()}: up to then the card can be put back exactly as it
 * was. From confirmation on the service has made the new certificates current, so the renewal must finish.
 */
public enum RenewalStep {
    CHECKING_ELIGIBILITY(true),
    GENERATING_AUTHENTICATION_KEY(true),
    GENERATING_SIGNING_KEY(true),
    PROVING_POSSESSION(true),
    REQUESTING_CERTIFICATES(true),
    WRITING_CERTIFICATES(true),
    CHECKING_NEW_CREDENTIALS(true),
    CONFIRMING(false),
    REMOVING_OLD_CREDENTIALS(false);

    private final boolean cancellable;

    RenewalStep(boolean cancellable) {
        this.cancellable = cancellable;
    }

    /** Whether a stop requested before this step is honoured (the card is then rolled back). */
    public boolean cancellable() {
        return cancellable;
    }

    /** 1-based position of the step. */
    public int number() {
        return ordinal() + 1;
    }

    /** How many steps a renewal has. */
    public static int total() {
        return values().length;
    }
}
