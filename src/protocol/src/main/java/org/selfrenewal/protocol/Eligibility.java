package org.selfrenewal.protocol;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a card's certificates can be self-renewed now.
 *
 * @param status          due, not yet due, or expired
 * @param notAfter        the earliest expiry of the card's certificates
 * @param renewalOpensAt  the first moment self-renewal is offered ({@code notAfter} minus 90 days)
 * @param evaluatedAt     the moment this was decided
 */
public record Eligibility(Status status, Instant notAfter, Instant renewalOpensAt, Instant evaluatedAt) {

    public enum Status {
        /** Within 90 days of expiry and not expired: the card holder may renew. */
        DUE,
        /** More than 90 days left: the Renew Certificate option is not offered yet. */
        NOT_YET_DUE,
        /** Past expiry: only a registration authority can renew, in person. */
        EXPIRED
    }

    public boolean isDue() {
        return status == Status.DUE;
    }

    /** Whole days from the evaluation to expiry; negative once expired. */
    public long daysLeft() {
        return Math.floorDiv(
                Duration.between(evaluatedAt, notAfter).getSeconds(),
                Duration.ofDays(1).getSeconds());
    }
}
