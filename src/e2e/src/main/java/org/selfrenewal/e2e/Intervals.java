package org.selfrenewal.e2e;

import java.util.ArrayList;
import java.util.List;

/** Wall-clock intervals (System.nanoTime) of one kind of work, from any thread; how long they overlap another's. */
final class Intervals {

    private final List<long[]> spans = new ArrayList<>();

    /** One interval. */
    static Intervals of(long start, long end) {
        Intervals one = new Intervals();
        one.add(start, end);
        return one;
    }

    synchronized void add(long start, long end) {
        spans.add(new long[] {start, end});
    }

    /** The time covered by at least one interval. */
    synchronized long coveredNanos() {
        long covered = 0;
        for (long[] span : merged()) {
            covered += span[1] - span[0];
        }
        return covered;
    }

    /** The time covered by an interval of this and one of {@code other} at once. */
    long overlapNanos(Intervals other) {
        List<long[]> mine = merged();
        List<long[]> theirs = other.merged();
        long overlap = 0;
        for (long[] a : mine) {
            for (long[] b : theirs) {
                overlap += Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
            }
        }
        return overlap;
    }

    private synchronized List<long[]> merged() {
        List<long[]> sorted = new ArrayList<>(spans);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] span : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span[0] <= last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(new long[] {span[0], span[1]});
            }
        }
        return merged;
    }
}
