package io.ledgerflow.testkit.mongo;

import de.bwaldvogel.mongo.exception.MongoServerError;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@code find}'s {@code maxTimeMS}, kept as MongoDB keeps it: once it has passed, the find stops with error 50
 * ({@code MaxTimeMSExpired}), which the driver raises as {@code MongoExecutionTimeoutException}. The library ignores
 * the field, so a find scanning a large collection ran on for as long as it took (60 s and more, probe F2) while the
 * query-service, which asks for 5 s, had long given up waiting. Checked before each document the find matches.
 */
final class FindTimeLimit {

    static final int MAX_TIME_MS_EXPIRED = 50;

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private FindTimeLimit() {
    }

    /** @param maxTimeMS the command's field: absent, zero or not a number means no limit, as in MongoDB */
    static <T> T within(Object maxTimeMS, Supplier<T> find) {
        if (!(maxTimeMS instanceof Number millis) || millis.longValue() <= 0) {
            return find.get();
        }
        DEADLINE.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis.longValue()));
        try {
            return find.get();
        } finally {
            DEADLINE.remove();
        }
    }

    static void check() {
        Long deadline = DEADLINE.get();
        if (deadline != null && System.nanoTime() - deadline > 0) {
            throw new MongoServerError(MAX_TIME_MS_EXPIRED, "MaxTimeMSExpired", "operation exceeded time limit");
        }
    }
}
