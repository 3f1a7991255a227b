package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * <p>
 * Every event a fetch returns carries its own token, a copy of the open holes: a fetch costs (events) x (holes).
 * Axon returns every filled hole at once, so a batch of thousands of events that committed after a small transaction
 * had overtaken it came back as thousands of events each copying thousands of holes: hundreds of megabytes in one
 * fetch, and the service ran out of memory. So a fetch returns at most {@link #rowsPerFetch} events, the lowest
 * first, fewer the more holes are open; a hole above the last of them may have filled unseen, so that fetch does not
 * judge it.
 */
public class SnapshotGapsStorageEngine extends JdbcEventStorageEngine {

    /** Holes copied into the tokens of one fetch, at most (about 40 bytes each), beside the events' own. */
    static final int GAP_COPIES_PER_FETCH = 50_000;

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
        TrackingToken last = fetched.get(fetched.size() - 1).trackingToken();
        // cut short: a hole above the last event read may have filled and not been returned
        long seenThrough = !gapsBefore.isEmpty() && fetched.size() >= rowsPerFetch(gapsBefore.size())
                ? positionOf(last, fetched.size() > 1 ? fetched.get(fetched.size() - 2).trackingToken() : lastToken)
                : Long.MAX_VALUE;
        Set<Long> gaps = gapsOf(last);
        long now = System.nanoTime();
        Set<Long> permanent = new TreeSet<>();
        for (Long gap : gaps) {
            if (gap <= seenThrough && holes.isPermanent(gap, before, now)) {
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

    /** Axon's query, every hole asked for, cut to the lowest {@link #rowsPerFetch} events. */
    @Override
    protected PreparedStatement readEventDataWithGaps(Connection connection, long globalIndex, int batchSize,
                                                      List<Long> gaps) throws SQLException {
        PreparedStatement statement = super.readEventDataWithGaps(connection, globalIndex, batchSize, gaps);
        statement.setMaxRows(rowsPerFetch(gaps.size()));
        return statement;
    }

    /**
     * Events one fetch returns, at most, from a token with this many holes: each copies about that many, and the
     * range after the token adds at most the batch size. While holes are few, more than a fetch ever returns.
     */
    static int rowsPerFetch(int openHoles) {
        return Math.max(1, GAP_COPIES_PER_FETCH / Math.max(1, openHoles));
    }

    /** The global index of the event whose token is {@code token}, read right after the one whose token is before. */
    private static long positionOf(TrackingToken token, TrackingToken before) {
        GapAwareTrackingToken read = (GapAwareTrackingToken) token;
        long beforeIndex = before instanceof GapAwareTrackingToken gapAware ? gapAware.getIndex() : -1;
        if (read.getIndex() > beforeIndex) {
            return read.getIndex();
        }
        // below the index: the hole it filled, gone from the token
        return gapsOf(before).stream().filter(gap -> !read.getGaps().contains(gap)).findFirst()
                .orElse(read.getIndex());
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
