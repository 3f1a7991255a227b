package io.ledgerflow.query.stream;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many live streams each caller (token subject) holds open: at most {@code max-per-caller}, so that one token
 * cannot take every place of the instance ({@code max-subscribers}) and leave other dashboards without a stream.
 */
@Component
class CallerStreams {

    private final int maxPerCaller;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    CallerStreams(StreamProperties properties) {
        this.maxPerCaller = properties.maxPerCaller();
    }

    /**
     * A place for one more stream of this caller, given back once by the returned handle's {@code run()}.
     *
     * @throws CallerStreamLimitException when the caller holds {@code max-per-caller} streams already
     */
    Runnable take(String caller) {
        boolean[] taken = {false};
        open.compute(caller, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerCaller) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            throw new CallerStreamLimitException(maxPerCaller);
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                open.computeIfPresent(caller, (key, count) -> count > 1 ? count - 1 : null);
            }
        };
    }

    int openBy(String caller) {
        return open.getOrDefault(caller, 0);
    }

    /** 429 with {@code Retry-After}: the caller closes one of its streams, or waits for one to end. */
    static final class CallerStreamLimitException extends RuntimeException {
        CallerStreamLimitException(int maxPerCaller) {
            super("You hold " + maxPerCaller + " live streams on this instance already; close one first");
        }
    }
}
