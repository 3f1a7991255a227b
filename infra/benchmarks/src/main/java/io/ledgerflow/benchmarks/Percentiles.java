package io.ledgerflow.benchmarks;

import java.util.Arrays;

/** Nearest-rank percentiles of durations measured in nanoseconds, reported in milliseconds. */
public final class Percentiles {

    private final long[] sortedNanos;

    public Percentiles(long[] nanos) {
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    public int count() {
        return sortedNanos.length;
    }

    /** The smallest sample with at least {@code p} percent of the samples at or below it. */
    public double millis(double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1] / 1_000_000.0;
    }

    public double maxMillis() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1_000_000.0;
    }
}
