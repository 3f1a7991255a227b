package io.ledgerflow.command.audit.chain;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides when a hole in the global index is permanent. A position is taken from the sequence before its row is
 * inserted, and the row becomes visible only at commit, so an event with a lower position can appear after one
 * with a higher position. The chain links events in global order and must never pass a hole that is later
 * filled. A hole is permanent once every transaction that was running when it was first seen has ended (PostgreSQL's
 * transaction snapshot: {@code xmin} has passed the {@code xmax} of that sighting) and it has lasted {@code grace}
 * (which covers the moment between a transaction drawing its position and getting its transaction id).
 */
final class GapWatch {

    /** A transaction snapshot's bounds: every transaction id below {@code xmin} has ended; {@code xmax} is the next one. */
    record Snapshot(long xmin, long xmax) {
    }

    private record Sighting(long firstSeenNanos, long xmax) {
    }

    private final Map<Long, Sighting> sightings = new HashMap<>();
    private final long graceNanos;

    GapWatch(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    /**
     * Whether the hole just before {@code nextPosition} can be passed by.
     *
     * @param before the snapshot taken before the rows that showed the hole were read
     * @param after  a snapshot taken after they were read: the first sighting's bound
     */
    boolean isPermanent(long nextPosition, Snapshot before, Snapshot after, long nowNanos) {
        Sighting sighting = sightings.computeIfAbsent(nextPosition, position -> new Sighting(nowNanos, after.xmax()));
        return nowNanos - sighting.firstSeenNanos() >= graceNanos && before.xmin() >= sighting.xmax();
    }

    /** Forgets the holes the chain has passed. */
    void passed(long position) {
        sightings.keySet().removeIf(next -> next <= position);
    }

    int watched() {
        return sightings.size();
    }
}
