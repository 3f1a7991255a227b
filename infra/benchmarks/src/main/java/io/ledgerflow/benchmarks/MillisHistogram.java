package io.ledgerflow.benchmarks;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Response times in whole milliseconds (as Gatling measures them), counted per millisecond up to 60 s (longer ones in
 * the last bucket): recording is lock-free, so every virtual user can record; percentiles are nearest-rank, as
 * {@link Percentiles}.
 */
public final class MillisHistogram {

    private static final int MAX_MILLIS = 60_000;

    private final AtomicLongArray counts = new AtomicLongArray(MAX_MILLIS + 1);

    public void record(long millis) {
        counts.incrementAndGet((int) Math.max(0, Math.min(millis, MAX_MILLIS)));
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The smallest recorded time with at least {@code p} percent of the records at or below it; NaN if none. */
    public double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return MAX_MILLIS;
    }

    public double max() {
        for (int i = counts.length() - 1; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return i;
            }
        }
        return Double.NaN;
    }
}
