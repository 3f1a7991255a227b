package io.ledgerflow.command.axon;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decides when a hole in the global index is permanent, from PostgreSQL's transaction snapshots and never from event
 * timestamps, whose clocks (other instances', this one's) need not agree with anything.
 * <p>
 * A transaction draws its position from the sequence and inserts its row at once, getting its transaction id then;
 * the row becomes visible only at commit, so a lower position can appear after a higher one. A hole is permanent
 * when:
 * <ol>
 *     <li>it has been watched for {@code grace}: by then the transaction that drew the position has its id (the
 *     grace covers the moment between drawing and inserting);</li>
 *     <li>a snapshot taken after that bounds the id ({@code xmax}: every id below it was handed out);</li>
 *     <li>a snapshot taken before a read that still shows the hole has every transaction below that bound ended
 *     ({@code xmin >= xmax}): the insert was rolled back, or the read would have found its row.</li>
 * </ol>
 * Holes are facts about the store, so one watch serves every reader; it is safe for concurrent use.
 */
public final class GapWatch {

    private static final long UNBOUNDED = -1;

    /**
     * A transaction snapshot's bounds: every transaction id below {@code xmin} has ended, {@code xmax} is the next one.
     *
     * @param takenNanos {@link System#nanoTime()} read just before the snapshot was asked for
     */
    public record Snapshot(long xmin, long xmax, long takenNanos) {
    }

    private record Sighting(long firstSeenNanos, long xmax) {
    }

    private final ConcurrentMap<Long, Sighting> sightings = new ConcurrentHashMap<>();
    private final long graceNanos;

    public GapWatch(Duration grace) {
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("the grace must be positive: it covers drawing a position");
        }
        this.graceNanos = grace.toNanos();
    }

    /**
     * Whether the hole at (or just before) {@code position} can be given up.
     *
     * @param before   a snapshot taken before the read that shows the hole, or null when none was taken (the hole
     *                 is then only watched)
     * @param nowNanos {@link System#nanoTime()} after that read: the first sighting's time
     */
    public boolean isPermanent(long position, Snapshot before, long nowNanos) {
        Sighting sighting = sightings.computeIfAbsent(position, p -> new Sighting(nowNanos, UNBOUNDED));
        if (before == null) {
            return false;
        }
        if (sighting.xmax() == UNBOUNDED) {
            if (before.takenNanos() - sighting.firstSeenNanos() < graceNanos) {
                return false;
            }
            Sighting bounded = new Sighting(sighting.firstSeenNanos(), before.xmax());
            sighting = sightings.merge(position, bounded, (old, now) -> old.xmax() == UNBOUNDED ? now : old);
        }
        return before.xmin() >= sighting.xmax();
    }

    /**
     * Whether any of these holes has been watched for the grace by {@code nowNanos}: only then can a snapshot decide
     * anything. Holes that fill within the grace, as most do under load, never cost a snapshot.
     */
    public boolean anyDue(Collection<Long> positions, long nowNanos) {
        for (Long position : positions) {
            Sighting sighting = sightings.get(position);
            if (sighting != null && nowNanos - sighting.firstSeenNanos() >= graceNanos) {
                return true;
            }
        }
        return false;
    }

    /** Forgets these holes: filled, or given up, for the reader that saw them. */
    public void forget(Collection<Long> positions) {
        positions.forEach(sightings::remove);
    }

    /** Forgets the holes at or below {@code position}: a reader that has passed them. */
    public void passed(long position) {
        sightings.keySet().removeIf(next -> next <= position);
    }

    /** Forgets holes first seen before {@code nanos}; one seen again later is watched afresh, which is only slower. */
    public void forgetSeenBefore(long nanos) {
        sightings.values().removeIf(sighting -> sighting.firstSeenNanos() - nanos < 0);
    }

    public int watched() {
        return sightings.size();
    }
}
