package org.selfrenewal.client;

/** Hears a renewal as it happens: an earlier interrupted renewal finished or undone, each step as it starts, the roll-back, and warnings that did not stop it. */
@FunctionalInterface
public interface RenewalListener {

    /** {@code step} has started; earlier steps are done. */
    void stepStarted(RenewalStep step);

    /** Something failed before confirmation: the new keys are being removed and the renewal cancelled. */
    default void undoing() {}

    /** An earlier run of this card's renewal was interrupted; it has now been finished or undone. */
    default void previousRenewal(InterruptedRenewal.Outcome outcome) {}

    /** The renewal succeeded, but something about the card needs the card holder's attention. */
    default void warning(CardRenewalWarning warning) {}
}
