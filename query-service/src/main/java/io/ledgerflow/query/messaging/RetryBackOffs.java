package io.ledgerflow.query.messaging;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/** Bounded backoff for failing records; an unbounded one while MongoDB itself is unreachable. */
class RetryBackOffs {

    private static final long MAX_OUTAGE_INTERVAL_MS = 30_000;

    private final LedgerKafkaProperties.Retry retry;

    RetryBackOffs(LedgerKafkaProperties.Retry retry) {
        this.retry = retry;
    }

    BackOff bounded() {
        var backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }

    /** @return the backoff for this failure, or null for the error handler's default (bounded) one */
    BackOff forFailure(Exception exception) {
        if (!isStoreUnavailable(exception)) {
            return null;
        }
        var backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(Math.max(retry.maxInterval().toMillis(), MAX_OUTAGE_INTERVAL_MS));
        return backOff;
    }

    static boolean isStoreUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoSocketException || cause instanceof MongoTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
