package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the batches running at once on this instance. A batch runs in one transaction on its request's thread and
 * holds a database connection while it loads and checks up to 1,000 transfers, an applied one it is sent again as
 * much as a new one: 100 retries of one applied batch, within the caller's rate, took every connection of the pool,
 * and every other caller's commands waited 5 s for one and answered 503 (a probe's finding). One more batch than
 * the bound answers 503 at once, nothing run, and the other commands keep the rest of the pool.
 */
@Component
class RunningBatches {

    static final String PROPERTY = "ledgerflow.commands.max-concurrent-batches";

    private final Semaphore places;
    private final int limit;

    RunningBatches(@Value("${" + PROPERTY + ":8}") int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1, not " + limit);
        }
        this.places = new Semaphore(limit);
        this.limit = limit;
    }

    <T> T run(Supplier<T> batch) {
        if (!places.tryAcquire()) {
            throw new TooManyBatches(limit);
        }
        try {
            return batch.get();
        } finally {
            places.release();
        }
    }

    /** 503 for a batch past the bound; nothing of it ran. */
    static final class TooManyBatches extends ApiProblem {

        TooManyBatches(int limit) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", limit + " batches are running already ("
                    + PROPERTY + "); nothing was done, retry after the time given in Retry-After");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "1");
        }
    }
}
