package io.ledgerflow.query.stream;

import io.ledgerflow.servicekit.concurrency.BoundedPlaces;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many live streams each caller (token subject) holds open: at most {@code max-per-caller}, so that one token
 * cannot take every place of the instance ({@code max-subscribers}) and leave other dashboards without a stream.
 * <p>
 * A client that closed its connection still holds its place until a write to it fails, and the servlet API tells of
 * a closed connection only then. So a caller refused for want of a place has its streams written to first ({@link
 * Subscriber#probe}), and those whose clients are gone give their places back before the caller is refused: a
 * dashboard that reconnects gets its stream at once, not after two heartbeats.
 */
@Component
class CallerStreams {

    /** Long enough for a probe's second write to fail on a connection its client closed, on a local network. */
    static final Duration PROBE_WAIT = Duration.ofMillis(500);
    private static final long PROBE_POLL_MILLIS = 20;

    /** Per caller only: the instance's own limit ({@code max-subscribers}) is kept by the live stream. */
    private final BoundedPlaces<String> places;
    private final Map<String, Set<Subscriber>> served = new ConcurrentHashMap<>();
    /** Callers whose streams are being probed: one request at a time waits for a probe, the others are refused. */
    private final Set<String> probing = ConcurrentHashMap.newKeySet();

    CallerStreams(StreamProperties properties) {
        this.places = new BoundedPlaces<>(properties.maxPerCaller(), Integer.MAX_VALUE);
    }

    /**
     * A place for one more stream of this caller, given back once by the returned place's {@code run()}. When the
     * caller holds {@code max-per-caller} already, its streams are probed and the request waits up to {@link
     * #PROBE_WAIT} for one to end.
     *
     * @throws CallerStreamLimitException when the caller holds {@code max-per-caller} streams whose clients are there
     */
    Place take(String caller) {
        if (places.tryTake(caller) || takeAfterProbing(caller)) {
            return new Place(caller);
        }
        throw new CallerStreamLimitException(places.perKey());
    }

    int openBy(String caller) {
        return places.heldBy(caller);
    }

    private boolean takeAfterProbing(String caller) {
        if (!probing.add(caller)) {
            return false;
        }
        try {
            served.getOrDefault(caller, Set.of()).forEach(Subscriber::probe);
            long deadline = System.nanoTime() + PROBE_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(PROBE_POLL_MILLIS);
                if (places.tryTake(caller)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            probing.remove(caller);
        }
    }

    /** One stream's place: it knows its subscriber once there is one, so that a probe can reach it. */
    final class Place implements Runnable {

        private final String caller;
        private final AtomicBoolean given = new AtomicBoolean();
        private volatile Subscriber subscriber;

        private Place(String caller) {
            this.caller = caller;
        }

        void serving(Subscriber subscriber) {
            this.subscriber = subscriber;
            served.computeIfAbsent(caller, c -> ConcurrentHashMap.newKeySet()).add(subscriber);
            if (given.get()) {
                forget(subscriber);
            }
        }

        /** Gives the place back, once. */
        @Override
        public void run() {
            if (given.compareAndSet(false, true)) {
                Subscriber known = subscriber;
                if (known != null) {
                    forget(known);
                }
                places.give(caller);
            }
        }

        private void forget(Subscriber known) {
            served.computeIfPresent(caller, (c, subscribers) -> {
                subscribers.remove(known);
                return subscribers.isEmpty() ? null : subscribers;
            });
        }
    }

    /** 429 with {@code Retry-After}: the caller closes one of its streams, or waits for one to end. */
    static final class CallerStreamLimitException extends RuntimeException {
        CallerStreamLimitException(int maxPerCaller) {
            super("You hold " + maxPerCaller + " live streams on this instance already; close one first");
        }
    }
}
