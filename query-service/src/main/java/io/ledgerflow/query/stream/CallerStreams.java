package io.ledgerflow.query.stream;

import io.ledgerflow.servicekit.concurrency.BoundedPlaces;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many live streams each caller (token subject) holds open: at most {@code max-per-caller}, so that one token
 * cannot take every place of the instance ({@code max-subscribers}) and leave other dashboards without a stream.
 */
@Component
class CallerStreams {

    /** Per caller only: the instance's own limit ({@code max-subscribers}) is kept by the live stream. */
    private final BoundedPlaces<String> places;

    CallerStreams(StreamProperties properties) {
        this.places = new BoundedPlaces<>(properties.maxPerCaller(), Integer.MAX_VALUE);
    }

    /**
     * A place for one more stream of this caller, given back once by the returned handle's {@code run()}.
     *
     * @throws CallerStreamLimitException when the caller holds {@code max-per-caller} streams already
     */
    Runnable take(String caller) {
        if (!places.tryTake(caller)) {
            throw new CallerStreamLimitException(places.perKey());
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                places.give(caller);
            }
        };
    }

    int openBy(String caller) {
        return places.heldBy(caller);
    }

    /** 429 with {@code Retry-After}: the caller closes one of its streams, or waits for one to end. */
    static final class CallerStreamLimitException extends RuntimeException {
        CallerStreamLimitException(int maxPerCaller) {
            super("You hold " + maxPerCaller + " live streams on this instance already; close one first");
        }
    }
}
