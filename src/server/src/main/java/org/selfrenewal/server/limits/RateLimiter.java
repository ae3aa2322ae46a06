package org.selfrenewal.server.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a card, a client address): {@code capacity} requests at once, then one more
 * every {@code refillEvery}. Memory is bounded: past {@code maxKeys} keys, full buckets are forgotten
 * (a forgotten bucket is a full one, so nothing is lost).
 */
public final class RateLimiter {

    private final int capacity;
    private final long refillNanos;
    private final int maxKeys;
    private final Clock clock;
    private final Map<Object, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int capacity, Duration refillEvery, int maxKeys, Clock clock) {
        if (capacity < 1 || refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("capacity and refill interval must be positive");
        }
        this.capacity = capacity;
        this.refillNanos = refillEvery.toNanos();
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /**
     * Takes one token for {@code key}.
     *
     * @return {@link Duration#ZERO} if allowed, otherwise how long until the next token
     */
    public Duration acquire(Object key) {
        long now = nanos();
        if (buckets.size() > maxKeys) {
            buckets.values().removeIf(b -> b.tokensAt(now) >= capacity);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            double tokens = bucket.tokensAt(now);
            if (tokens >= 1) {
                bucket.tokens = tokens - 1;
                bucket.updated = now;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) * refillNanos));
        }
    }

    private long nanos() {
        Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        double tokensAt(long now) {
            return Math.min(capacity, tokens + (double) Math.max(0, now - updated) / refillNanos);
        }
    }
}
