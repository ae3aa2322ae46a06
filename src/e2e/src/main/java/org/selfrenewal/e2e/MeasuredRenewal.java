package org.selfrenewal.e2e;

import java.time.Clock;
import java.time.Duration;
import org.selfrenewal.card.Card;
import org.selfrenewal.client.CardRenewal;
import org.selfrenewal.client.RenewalApi;

/**
 * One renewal of a logged-in card, timed: the wall time, the time inside the token (every card call, the
 * simulated delay included), the rest, and how the service's start (connection, TLS handshake, its rules)
 * overlapped the card's work.
 *
 * @param totalNanos        the renewal's wall time
 * @param tokenNanos        time inside the card
 * @param startNanos        time waiting for the service to start the renewal
 * @param startOverlapNanos of {@code startNanos}, the part while the card was working
 */
record MeasuredRenewal(long totalNanos, long tokenNanos, long startNanos, long startOverlapNanos) {

    /** Renews {@code raw} (logged in) through {@code api}, each key generation {@code keyDelay} slower. */
    static MeasuredRenewal run(Card raw, RenewalApi api, Duration keyDelay) throws Exception {
        TokenTimedCard card = new TokenTimedCard(new SlowCard(raw, keyDelay));
        TimedRenewalApi timedApi = new TimedRenewalApi(api);
        long start = System.nanoTime();
        new CardRenewal(card, timedApi, Clock.systemUTC(), step -> {}).renew(true);
        long total = System.nanoTime() - start;
        return new MeasuredRenewal(
                total,
                card.nanosInToken(),
                timedApi.starts().coveredNanos(),
                timedApi.starts().overlapNanos(card.inToken()));
    }

    long restNanos() {
        return totalNanos - tokenNanos;
    }

    /** One line a parent process reads back: {@code RENEWAL total token start overlap} in nanoseconds. */
    String line() {
        return "RENEWAL " + totalNanos + " " + tokenNanos + " " + startNanos + " " + startOverlapNanos;
    }

    static MeasuredRenewal parse(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 5 || !parts[0].equals("RENEWAL")) {
            throw new IllegalArgumentException("not a measured renewal: " + line);
        }
        return new MeasuredRenewal(
                Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[4]));
    }
}
