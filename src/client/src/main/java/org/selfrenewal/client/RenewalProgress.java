package org.selfrenewal.client;

/** Hears each step of a renewal as it happens, in words for the card holder. */
@FunctionalInterface
public interface RenewalProgress {

    void step(String message);

    /** Something went wrong that the card holder should know about but that did not stop the renewal. */
    default void warning(String message) {
        step(message);
    }
}
