package io.ledgerflow.verifier.report;

import java.io.PrintStream;
import java.time.Duration;

/** Tells a long replay's progress on stderr, at most once per interval, so that stdout keeps only the report. */
public final class Progress {

    private final PrintStream err;
    private final long intervalNanos;
    private long lastShown = System.nanoTime();

    public Progress(PrintStream err, Duration interval) {
        this.err = err;
        this.intervalNanos = interval.toNanos();
    }

    public static Progress silent() {
        return new Progress(null, Duration.ZERO);
    }

    /** @param what e.g. "checked 120000 events, position 130455" — built only when it is shown */
    public void tick(java.util.function.Supplier<String> what) {
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastShown >= intervalNanos) {
            lastShown = now;
            err.println("audit-verifier: " + what.get());
        }
    }

    public void say(String message) {
        if (err != null) {
            err.println("audit-verifier: " + message);
        }
    }
}
