package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Axon's JDBC event store, but a reader in global order gives up a hole in the index only when {@link GapWatch}
 * says PostgreSQL has ended every transaction that could still fill it.
 * <p>
 * Axon itself gives a hole up when an event after it is older than the gap timeout by this instance's clock. That
 * compares the reader's clock with the writer's, and skipped for good the event of a transaction still open after
 * the timeout: a writer whose clock runs a minute behind, or a transaction of many statements. The builder's gap
 * timeout is set beyond reach ({@link EventStoreConfig#tracking}), so only this rule applies. It costs one
 * snapshot query per fetch that starts with a hole watched for the grace already: holes that fill within it, as
 * under load most do in milliseconds, cost none.
 */
public class SnapshotGapsStorageEngine extends JdbcEventStorageEngine {

    /** Sightings kept before old ones are swept: filled and given-up holes are forgotten as each fetch sees them go. */
    private static final int MAX_WATCHED = 10_000;

    private final GapWatch holes;
    private final Supplier<GapWatch.Snapshot> snapshots;
    private final long retentionNanos;

    public SnapshotGapsStorageEngine(Builder builder, GapWatch holes, Supplier<GapWatch.Snapshot> snapshots,
                                     long retentionNanos) {
        super(builder);
        this.holes = holes;
        this.snapshots = snapshots;
        this.retentionNanos = retentionNanos;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        Set<Long> gapsBefore = gapsOf(lastToken);
        GapWatch.Snapshot before = holes.anyDue(gapsBefore, System.nanoTime()) ? snapshots.get() : null;
        List<? extends TrackedEventData<?>> fetched = super.fetchTrackedEvents(lastToken, batchSize);
        if (fetched.isEmpty()) {
            return fetched;
        }
        Set<Long> gaps = gapsOf(fetched.get(fetched.size() - 1).trackingToken());
        long now = System.nanoTime();
        Set<Long> permanent = new TreeSet<>();
        for (Long gap : gaps) {
            if (holes.isPermanent(gap, before, now)) {
                permanent.add(gap);
            }
        }
        Set<Long> settled = new TreeSet<>(gapsBefore);
        settled.removeAll(gaps);
        settled.addAll(permanent);
        holes.forget(settled);
        if (holes.watched() > MAX_WATCHED) {
            holes.forgetSeenBefore(now - retentionNanos); // holes of readers that went away
        }
        if (permanent.isEmpty()) {
            return fetched;
        }
        return fetched.stream().map(event -> withoutGaps(event, permanent)).toList();
    }

    private static Set<Long> gapsOf(TrackingToken token) {
        return token instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps() : Set.of();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TrackedEventData<?> withoutGaps(TrackedEventData<?> event, Set<Long> permanent) {
        GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
        if (token.getGaps().stream().noneMatch(permanent::contains)) {
            return event;
        }
        TreeSet<Long> kept = new TreeSet<>(token.getGaps());
        kept.removeAll(permanent);
        return new TrackedDomainEventData(GapAwareTrackingToken.newInstance(token.getIndex(), kept),
                (DomainEventData) event);
    }
}
