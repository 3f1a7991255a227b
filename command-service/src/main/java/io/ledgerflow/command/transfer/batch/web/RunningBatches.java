package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.servicekit.concurrency.BoundedPlaces;
import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Bounds the batches running at once on this instance, and those of one caller. A batch runs in one transaction on
 * its request's thread and holds a database connection while it loads and checks up to 1,000 transfers, an applied
 * one it is sent again as much as a new one: 100 retries of one applied batch, within the caller's rate, took every
 * connection of the pool, and every other caller's commands waited 5 s for one and answered 503 (a probe's
 * finding). One more batch than the bound answers 503 at once, nothing run, and the other commands keep the rest of
 * the pool. Two clients sending five large batches each at once, within their batch limits, held all 8 places, and
 * other callers' batches answered 503 (another probe's finding): one caller runs at most its share, then 429.
 */
@Component
class RunningBatches {

    static final String PROPERTY = "ledgerflow.commands.max-concurrent-batches";
    static final String PER_CALLER_PROPERTY = "ledgerflow.commands.max-concurrent-batches-per-caller";

    private final BoundedPlaces<String> places;
    private final int limit;

    RunningBatches(@Value("${" + PROPERTY + ":8}") int limit,
                   @Value("${" + PER_CALLER_PROPERTY + ":2}") int perCaller) {
        if (limit < 1 || perCaller < 1 || perCaller > limit) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1 (not " + limit + "), and "
                    + PER_CALLER_PROPERTY + " between 1 and it (not " + perCaller + ")");
        }
        this.places = new BoundedPlaces<>(perCaller, limit);
        this.limit = limit;
    }

    /** Runs {@code batch} in a place of {@code caller}'s (a token subject), or refuses it at once. */
    <T> T run(String caller, Supplier<T> batch) {
        if (!places.tryTake(caller)) {
            throw places.heldBy(caller) >= places.perKey() ? new TooManyOfTheCallersBatches(places.perKey())
                    : new TooManyBatches(limit);
        }
        try {
            return batch.get();
        } finally {
            places.give(caller);
        }
    }

    /** A batch refused before any of it ran: retry after a second. */
    abstract static class BatchNotRun extends ApiProblem {

        BatchNotRun(HttpStatus status, String code, String why) {
            super(status, code, why + "; nothing was done, retry after the time given in Retry-After");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "1");
        }
    }

    /** 503 for a batch past the bound. */
    static final class TooManyBatches extends BatchNotRun {

        TooManyBatches(int limit) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    limit + " batches are running already (" + PROPERTY + ")");
        }
    }

    /** 429 for a batch past its caller's share. */
    static final class TooManyOfTheCallersBatches extends BatchNotRun {

        TooManyOfTheCallersBatches(int perCaller) {
            super(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                    perCaller + " of your batches are running already (" + PER_CALLER_PROPERTY + ")");
        }
    }
}
