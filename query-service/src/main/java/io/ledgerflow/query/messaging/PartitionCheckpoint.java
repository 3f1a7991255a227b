package io.ledgerflow.query.messaging;

import java.time.Instant;

/**
 * How far the projections have consumed one partition.
 *
 * @param nextOffset   the offset of the first record not yet projected
 * @param lastPosition the global position of the last event applied from it; null if unknown
 * @param lastEventAt  that event's time; null if unknown
 */
public record PartitionCheckpoint(String topic, int partition, long nextOffset, Long lastPosition,
                                  Instant lastEventAt) {

    /** The one further along; the last event of the further one, or this one's if it named none. */
    PartitionCheckpoint newer(PartitionCheckpoint other) {
        PartitionCheckpoint ahead = other.nextOffset > nextOffset ? other : this;
        PartitionCheckpoint behind = ahead == this ? other : this;
        if (ahead.lastPosition != null) {
            return ahead;
        }
        return new PartitionCheckpoint(topic, partition, ahead.nextOffset, behind.lastPosition, behind.lastEventAt);
    }
}
