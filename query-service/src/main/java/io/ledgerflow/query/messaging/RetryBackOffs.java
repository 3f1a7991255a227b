package io.ledgerflow.query.messaging;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A poison record is dead-lettered at once: decoding it again cannot succeed. Any other failure is not the
 * record's fault (MongoDB unreachable, not primary, a write-concern timeout, an interrupted call ...), so the
 * batch is retried from the record the failure names, with growing pauses, for as long as it takes, holding its
 * partitions.
 */
class RetryBackOffs {

    private static final long MAX_OUTAGE_INTERVAL_MS = 30_000;
    private static final BackOff NO_RETRY = new FixedBackOff(0, 0);

    private final LedgerKafkaProperties.Retry retry;

    RetryBackOffs(LedgerKafkaProperties.Retry retry) {
        this.retry = retry;
    }

    BackOff forFailure(Exception exception) {
        return isPoison(exception) ? NO_RETRY : untilItSucceeds();
    }

    BackOff untilItSucceeds() {
        var backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(Math.max(retry.maxInterval().toMillis(), MAX_OUTAGE_INTERVAL_MS));
        return backOff;
    }

    static boolean isPoison(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof PoisonRecordException) {
                return true;
            }
        }
        return false;
    }
}
