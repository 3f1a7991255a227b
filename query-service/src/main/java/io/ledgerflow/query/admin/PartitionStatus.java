package io.ledgerflow.query.admin;

import java.time.Instant;

/**
 * One partition of the ledger topic as the projections consumed it.
 *
 * @param checkpoint   the offset of the next record to project (0 before the first)
 * @param endOffset    the offset the next record published will get; null when Kafka did not answer in time
 * @param lag          records published but not projected yet; null with {@code endOffset}
 * @param lastPosition the global position of the last event applied from this partition; null before the first
 * @param lastEventAt  that event's time
 */
public record PartitionStatus(String topic, int partition, long checkpoint, Long endOffset, Long lag,
                              Long lastPosition, Instant lastEventAt) {
}
