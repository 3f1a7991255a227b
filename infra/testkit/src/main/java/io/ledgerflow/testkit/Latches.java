package io.ledgerflow.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits for a latch inside a lambda that cannot throw checked exceptions, failing when it does not open in time. */
public final class Latches {

    private Latches() {
    }

    public static void awaitOpen(CountDownLatch latch, Duration within) {
        try {
            if (!latch.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("latch still at " + latch.getCount() + " after " + within);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
