package io.ledgerflow.benchmarks;

import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time a simulation's load took: from its first request ({@link #begin}, called by every request, counts only the
 * first; Gatling may take seconds between {@code before()} and its first user) to the last answer {@link #answered()}
 * recorded.
 */
final class LoadWindow {

    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile long startNanos;
    private volatile long startEpochMillis;
    private final AtomicLong lastAnswerNanos = new AtomicLong();

    /**
     * The first call starts the window and runs {@code onStart} in a thread of its own (it may block: CPU snapshots,
     * timers), so the virtual user that calls it is not held up.
     */
    void begin(Runnable onStart) {
        if (begun.compareAndSet(false, true)) {
            startEpochMillis = System.currentTimeMillis();
            startNanos = System.nanoTime();
            Thread thread = new Thread(onStart, "load-window-start");
            thread.setDaemon(true);
            thread.start();
        }
    }

    boolean begun() {
        return begun.get();
    }

    long startNanos() {
        return startNanos;
    }

    void answered() {
        lastAnswerNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    double seconds() {
        long last = lastAnswerNanos.get();
        return begun.get() && last > startNanos ? (last - startNanos) / 1e9 : Double.NaN;
    }

    /** {@code startEpochMillis}, {@code seconds}, and {@code <name>PerSecond} for {@code count} of them. */
    Properties describe(String name, long count) {
        Properties properties = new Properties();
        properties.setProperty("startEpochMillis", Long.toString(startEpochMillis));
        properties.setProperty("seconds", String.format(Locale.ROOT, "%.2f", seconds()));
        properties.setProperty(name, Long.toString(count));
        properties.setProperty(name + "PerSecond", String.format(Locale.ROOT, "%.1f", count / seconds()));
        return properties;
    }
}
