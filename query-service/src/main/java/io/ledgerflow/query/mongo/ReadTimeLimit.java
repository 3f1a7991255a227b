package io.ledgerflow.query.mongo;

import com.mongodb.client.AggregateIterable;
import com.mongodb.client.FindIterable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The longest a list read shaped by its caller (a statement's time window, a transfer list's filters), or a read
 * over a whole collection (the dashboard's account counts), may run in
 * MongoDB. Past it MongoDB stops the read (error 50, {@code MaxTimeMSExpired}) and the caller is answered 503: a
 * window that matches nothing in a long history must not keep scanning on a connection the projections need. The
 * driver's socket timeout would give up waiting but leave MongoDB working.
 */
@Component
public class ReadTimeLimit {

    private final long millis;

    public ReadTimeLimit(@Value("${ledgerflow.mongodb.read-max-time:5s}") Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("ledgerflow.mongodb.read-max-time must be positive: " + limit);
        }
        this.millis = limit.toMillis();
    }

    public <T> FindIterable<T> on(FindIterable<T> read) {
        return read.maxTime(millis, TimeUnit.MILLISECONDS);
    }

    public <T> AggregateIterable<T> on(AggregateIterable<T> read) {
        return read.maxTime(millis, TimeUnit.MILLISECONDS);
    }
}
