package io.ledgerflow.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

/** A short prefix for the ids one run creates, so that runs against a kept stack never collide. */
public final class RunIds {

    private RunIds() {
    }

    public static String next() {
        return Long.toString(System.currentTimeMillis(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    }
}
