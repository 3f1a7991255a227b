package io.ledgerflow.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The rate a load sustains once it has settled: answers counted only from {@code settleSeconds} after the first
 * request to {@code seconds} later, while every user is still sending. Gatling's own mean is requests over the whole
 * seconds the run touched, so it counts the first seconds (the load generator's own JVM compiling, connections
 * opening) and the tail (users finishing one by one), and rounds the run up to whole seconds: 25,600 deposits in
 * 25.1 s and in 26.0 s both read 984.6/s.
 */
final class SteadyWindow {

    private final long settleNanos;
    private final long measureNanos;
    private final LongSupplier clock;
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile long startNanos;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong lastAnswerNanos = new AtomicLong(Long.MIN_VALUE);
    private final MillisHistogram latencies = new MillisHistogram();

    SteadyWindow(int settleSeconds, int seconds) {
        this(settleSeconds, seconds, System::nanoTime);
    }

    SteadyWindow(int settleSeconds, int seconds, LongSupplier clock) {
        if (settleSeconds < 0 || seconds < 1) {
            throw new IllegalArgumentException("settle seconds >= 0 and seconds >= 1: " + settleSeconds + ", "
                    + seconds);
        }
        this.settleNanos = settleSeconds * 1_000_000_000L;
        this.measureNanos = seconds * 1_000_000_000L;
        this.clock = clock;
    }

    /**
     * A user calls it before each request and keeps the time it returns for {@link #answered}; the first call
     * starts the window.
     */
    long sending() {
        long now = clock.getAsLong();
        if (begun.compareAndSet(false, true)) {
            startNanos = now;
        }
        return now;
    }

    /** An answer to the request sent at {@code sentNanos}: counted if expected and inside the window. */
    void answered(long sentNanos, boolean expected) {
        long now = clock.getAsLong();
        answered.incrementAndGet();
        lastAnswerNanos.accumulateAndGet(now, Math::max);
        long from = startNanos + settleNanos;
        if (expected && now >= from && now < from + measureNanos) {
            counted.incrementAndGet();
            latencies.record((now - sentNanos) / 1_000_000);
        }
    }

    /**
     * The counted answers per second of the window. A load whose last answer came before the window ended is rated
     * over the part it covered, up to that answer; NaN if nothing was counted.
     */
    double perSecond() {
        long count = counted.get();
        if (count == 0) {
            return Double.NaN;
        }
        long from = startNanos + settleNanos;
        long covered = Math.min(measureNanos, lastAnswerNanos.get() - from);
        return covered <= 0 ? Double.NaN : count / (covered / 1e9);
    }

    /** {@code <name>} and {@code <name>PerSecond} counted, their p50/p99 in ms, and the window's bounds. */
    Properties describe(String name) {
        Properties properties = new Properties();
        properties.setProperty("settleSeconds", Long.toString(settleNanos / 1_000_000_000L));
        properties.setProperty("seconds", Long.toString(seconds()));
        properties.setProperty("answered", Long.toString(answered.get()));
        properties.setProperty(name, Long.toString(counted.get()));
        properties.setProperty(name + "PerSecond", String.format(Locale.ROOT, "%.1f", perSecond()));
        properties.setProperty("p50", String.format(Locale.ROOT, "%.0f", latencies.percentile(50)));
        properties.setProperty("p99", String.format(Locale.ROOT, "%.0f", latencies.percentile(99)));
        return properties;
    }

    long seconds() {
        return measureNanos / 1_000_000_000L;
    }

    /** How long the users must keep sending for the window to be full. */
    Duration loadDuration() {
        return Duration.ofNanos(settleNanos + measureNanos);
    }
}
