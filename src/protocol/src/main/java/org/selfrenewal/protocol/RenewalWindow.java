package org.selfrenewal.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * The self-renewal rule both the client and the server apply: certificates can be renewed in the
 * 90 days before they expire, and not after they expire.
 */
public final class RenewalWindow {

    /** How long before expiry self-renewal opens. */
    public static final Duration LENGTH = Duration.ofDays(90);

    private final Clock clock;

    public RenewalWindow(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Evaluates one expiry date. A certificate is valid up to and including its notAfter instant. */
    public Eligibility evaluate(Instant notAfter) {
        Instant now = clock.instant();
        Instant opensAt = notAfter.minus(LENGTH);
        Eligibility.Status status;
        if (now.isAfter(notAfter)) {
            status = Eligibility.Status.EXPIRED;
        } else if (now.isBefore(opensAt)) {
            status = Eligibility.Status.NOT_YET_DUE;
        } else {
            status = Eligibility.Status.DUE;
        }
        return new Eligibility(status, notAfter, opensAt, now);
    }

    /** Evaluates a card by the earliest expiry among its certificates. */
    public Eligibility evaluateCard(Collection<Instant> notAfters) {
        Instant earliest = notAfters.stream()
                .min(Instant::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("a card has at least one certificate"));
        return evaluate(earliest);
    }
}
