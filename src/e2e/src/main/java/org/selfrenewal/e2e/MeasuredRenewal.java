package org.selfrenewal.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.selfrenewal.card.Card;
import org.selfrenewal.client.journal.RenewalJournal;
import org.selfrenewal.client.session.Result;
import org.selfrenewal.client.session.SmartcardSession;

/**
 * One renewal timed as the card holder lives it, through the {@link SmartcardSession} the window drives: "Continue"
 * (the card read and the service asked whether it will renew it, before the passcode is asked), the passcode, then
 * "Renew" to "Success" (the renewal). The renewal's wall time is split into the time inside the token (every card
 * call, the simulated key delay included) and the rest; of the rest, how long the client waited for the service.
 *
 * @param checkNanos   "Continue": reading the card and the service's start (its answer comes before the passcode)
 * @param totalNanos   "Renew" to "Success": the renewal's wall time
 * @param tokenNanos   of the renewal, the time inside the card
 * @param serviceNanos of the renewal, the time waiting for the service (certificates issued, confirmation)
 */
record MeasuredRenewal(long checkNanos, long totalNanos, long tokenNanos, long serviceNanos) {

    /**
     * Renews the card {@code raw} opens (not logged in) through the service {@code connector} connects, with this
     * user's renewal journal in {@code journal}, each key generation {@code keyDelay} slower.
     */
    static MeasuredRenewal run(
            Card raw, char[] passcode, SmartcardSession.ServiceConnector connector, Path journal, Duration keyDelay)
            throws Exception {
        TokenTimedCard card = new TokenTimedCard(new SlowCard(raw, keyDelay));
        AtomicReference<TimedRenewalApi> connected = new AtomicReference<>();
        long begin;
        long checked;
        long renewing;
        long end;
        try (SmartcardSession session = new SmartcardSession(
                () -> card,
                () -> {
                    connected.set(new TimedRenewalApi(connector.connect()));
                    return connected.get();
                },
                Clock.systemUTC(),
                RenewalJournal.in(journal))) {
            begin = System.nanoTime();
            succeeded("Continue", session.checkRenewalWithService());
            checked = System.nanoTime();
            succeeded("the passcode", session.logIn(passcode));
            renewing = System.nanoTime();
            succeeded("Renew", session.renew(step -> {}, () -> false));
            end = System.nanoTime();
        }
        Intervals renewal = Intervals.of(renewing, end);
        return new MeasuredRenewal(
                checked - begin,
                end - renewing,
                card.inToken().overlapNanos(renewal),
                connected.get().calls().overlapNanos(renewal));
    }

    private static void succeeded(String step, Result<?> result) {
        if (!result.isOk()) {
            throw new IllegalStateException(
                    step + " failed: " + result.problem().reference());
        }
    }

    long restNanos() {
        return totalNanos - tokenNanos;
    }

    /** One line a parent process reads back: {@code RENEWAL check total token service} in nanoseconds. */
    String line() {
        return "RENEWAL " + checkNanos + " " + totalNanos + " " + tokenNanos + " " + serviceNanos;
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
