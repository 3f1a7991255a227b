package io.ledgerflow.command.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The event store in global order for a tracking processor (the Kafka publisher), read straight from the storage
 * engine one fetch at a time, woken by the store's commits.
 * <p>
 * Axon's {@code EmbeddedEventStore} would serve the same stream from an in-memory list of recent events that a
 * producer thread fills ahead of its readers. When the reader fell behind under sustained load and caught up again,
 * that list was kept reachable whole: a run of 5 minutes at the single-transfer benchmark's load left 114,000
 * events (and their tokens) on a 192 MB heap, and the command-service died of {@code OutOfMemoryError}
 * (AxonFramework issue 2954 describes the same leak). Here a reader holds at most one fetch of the storage engine
 * (its batch size) and nothing is read ahead, so memory does not depend on how far behind the reader is.
 */
public final class CommittedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final CommitSignal commits;

    public CommittedEventSource(EventStorageEngine storage, CommitSignal commits) {
        this.storage = storage;
        this.commits = commits;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken after) {
        return new CommittedEventStream(after);
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }

    private final class CommittedEventStream implements BlockingStream<TrackedEventMessage<?>> {

        private TrackingToken last;
        private Stream<? extends TrackedEventMessage<?>> events;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        private TrackedEventMessage<?> peeked;
        private volatile boolean closed;

        private CommittedEventStream(TrackingToken after) {
            this.last = after;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (peeked == null && !closed) {
                peeked = readNext();
            }
            return Optional.ofNullable(peeked);
        }

        /** The next event after {@link #last}, or null; a stream found at its end is read again from there. */
        private TrackedEventMessage<?> readNext() {
            if (iterator == null) {
                events = storage.readEvents(last, false);
                iterator = events.iterator();
            }
            if (iterator.hasNext()) {
                return iterator.next();
            }
            closeEvents();
            return null;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long seen = commits.commits();
                if (peek().isPresent()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                // Commits the reader cannot see yet (a gap below them) are retried at the next commit or timeout.
                commits.awaitAfter(seen, left, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                if (closed) {
                    throw new IllegalStateException("the stream is closed");
                }
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            last = next.trackingToken();
            return next;
        }

        @Override
        public void close() {
            closed = true;
            closeEvents();
        }

        private void closeEvents() {
            if (events != null) {
                events.close();
            }
            events = null;
            iterator = null;
        }
    }
}
