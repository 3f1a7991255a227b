package io.ledgerflow.query.stream;

import io.ledgerflow.events.envelope.EventEnvelope;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The newest projected events of this process, numbered 1, 2, 3, … and kept in a fixed array that the newest
 * overwrite. Writing an event is O(1): a slot and a counter, under a lock that readers hold only to copy a few
 * references, never while they write to a client. Every subscriber reads it at its own pace from its own cursor,
 * so a slow one costs no memory and no time of the writer; it only falls behind, and is dropped when it would
 * otherwise miss an event.
 * <p>
 * Ids are {@code <instance>-<sequence>}, the instance random per process: an id from another process or an older
 * run is recognised as unknown instead of being taken for a position in this one.
 * <p>
 * Only subscribers learn ids, so an event is kept only while some client may still ask for it: while one reads, and
 * for {@code maxBacklog} events after the last one left (it may come back with its {@code Last-Event-ID}). With nobody
 * watching, the ring keeps nothing: every kept event lives for a whole turn of the ring, long enough for the garbage
 * collector to move it to the old generation, which then filled at the projections' rate.
 */
final class EventRing {

    private static final Pattern ID = Pattern.compile("([0-9a-z]{1,16})-([0-9]{1,18})");

    private final StreamEvent[] slots;
    /** Each kept slot's {@link StreamEvent#estimatedBytes()}. */
    private final long[] weights;
    private final int maxBacklog;
    private final long maxBytes;
    private final String instance;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    /** The sequence of the newest event; 0 before the first. */
    private long head;
    /** Subscribers attached now. */
    private int readers;
    /** The newest sequence a subscriber that left may still resume into. */
    private long keptUntil;
    /** What the kept events take, estimated; the oldest kept one's sequence, where dropping starts. */
    private long keptBytes;
    private long oldestKept = 1;

    EventRing(int capacity, int maxBacklog, String instance) {
        this(capacity, maxBacklog, Long.MAX_VALUE, instance);
    }

    /**
     * @param maxBytes what the kept events may take in all, estimated: past it the oldest are dropped, as if the ring
     *                 were smaller. Events carry their metadata, up to 18 KB each, and a count alone let one client's
     *                 large events fill the service's memory while anyone watched.
     */
    EventRing(int capacity, int maxBacklog, long maxBytes, String instance) {
        this.slots = new StreamEvent[capacity];
        this.weights = new long[capacity];
        this.maxBacklog = Math.min(maxBacklog, capacity);
        this.maxBytes = maxBytes;
        this.instance = instance;
    }

    String instance() {
        return instance;
    }

    /** @return the sequence of the newest event after these */
    long publish(List<EventEnvelope> envelopes) {
        lock.lock();
        try {
            for (EventEnvelope envelope : envelopes) {
                head++;
                int slot = (int) (head % slots.length);
                keptBytes -= weights[slot];
                StreamEvent event = keeps(head) ? StreamEvent.of(head, instance, envelope) : null;
                slots[slot] = event;
                weights[slot] = event == null ? 0 : event.estimatedBytes();
                keptBytes += weights[slot];
                oldestKept = Math.max(oldestKept, head - slots.length + 1);
                dropOldestPastTheBytes();
            }
            published.signalAll();
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Whether what is published next is kept: a subscriber is attached, or one that left may still resume. */
    boolean keeping() {
        lock.lock();
        try {
            return keeps(head + 1);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: a reader that needs a dropped event finds it lost, as one that fell too far behind. */
    private void dropOldestPastTheBytes() {
        while (keptBytes > maxBytes && oldestKept < head) {
            int slot = (int) (oldestKept % slots.length);
            keptBytes -= weights[slot];
            weights[slot] = 0;
            slots[slot] = null;
            oldestKept++;
        }
    }

    /** What the kept events take now, estimated (for tests). */
    long keptBytes() {
        lock.lock();
        try {
            return keptBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: whether the event numbered {@code sequence} is stored when published. */
    private boolean keeps(long sequence) {
        return readers > 0 || sequence <= keptUntil;
    }

    long head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** The id naming the point after {@code sequence}: what a client that resumes from there sends back. */
    String idOf(long sequence) {
        return instance + "-" + sequence;
    }

    /**
     * A new subscriber, which last saw {@code lastEventId} (null: none): where it resumes. The ring keeps every event
     * from now until it {@linkplain #detach() detaches}.
     */
    Resume attach(String lastEventId) {
        lock.lock();
        try {
            readers++;
            return resume(lastEventId);
        } finally {
            lock.unlock();
        }
    }

    /** A subscriber left: what it was sent last stays resumable for {@code maxBacklog} events. */
    void detach() {
        lock.lock();
        try {
            readers--;
            keptUntil = Math.max(keptUntil, head + maxBacklog);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private Resume resume(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return new Resume(head, null);
        }
        Matcher id = ID.matcher(lastEventId.trim());
        if (!id.matches() || !id.group(1).equals(instance)) {
            return new Resume(head, "unknown event id: not of this stream (another instance or an earlier run)");
        }
        long seen = Long.parseLong(id.group(2));
        if (seen > head) {
            return new Resume(head, "unknown event id: not sent yet");
        }
        if (seen < head - maxBacklog || !keptAfter(seen)) {
            return new Resume(head, "event id too old: the events after it are no longer buffered");
        }
        return new Resume(seen, null);
    }

    /** Whether every event after {@code sequence} is kept (not so after a stretch nobody watched). */
    private boolean keptAfter(long sequence) {
        for (long next = sequence + 1; next <= head; next++) {
            if (slots[(int) (next % slots.length)] == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The events after {@code after}, at most {@code max}, waiting up to {@code waitNanos} for one to come, or
     * until {@link #wakeReaders}.
     *
     * @return empty when none came in time or the reader was woken (or woke spuriously: the caller reads again);
     * {@link Read#lost()} when the next one is no longer buffered
     */
    Read read(long after, int max, long waitNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (head <= after && waitNanos > 0) {
                published.awaitNanos(waitNanos);
            }
            if (after < head - maxBacklog) {
                return Read.LOST;
            }
            int count = (int) Math.min(max, head - after);
            List<StreamEvent> events = new ArrayList<>(Math.max(count, 0));
            for (long sequence = after + 1; sequence <= after + count; sequence++) {
                StreamEvent event = slots[(int) (sequence % slots.length)];
                if (event == null) {
                    return Read.LOST;
                }
                events.add(event);
            }
            return new Read(events, false);
        } finally {
            lock.unlock();
        }
    }

    /** How many events a subscriber that has been sent everything up to {@code sent} has still to be sent. */
    long backlog(long sent) {
        return head() - sent;
    }

    boolean tooFarBehind(long sent) {
        return backlog(sent) > maxBacklog;
    }

    /** Wakes every waiting reader, so that it can see that its subscription ended or that it is to be probed. */
    void wakeReaders() {
        lock.lock();
        try {
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param after      the sequence of the last event the subscriber has (it gets those after it)
     * @param resetReason why the subscriber's {@code Last-Event-ID} could not be resumed from; null if it could
     */
    record Resume(long after, String resetReason) {
    }

    record Read(List<StreamEvent> events, boolean lost) {

        static final Read LOST = new Read(List.of(), true);
    }
}
