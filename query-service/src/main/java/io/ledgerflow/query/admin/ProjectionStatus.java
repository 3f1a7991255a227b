package io.ledgerflow.query.admin;

import io.ledgerflow.query.messaging.RebuildStatus;

import java.util.List;

/**
 * How far the projections are behind the ledger topic.
 *
 * @param lag                   the sum of the partitions' lags; null when Kafka did not tell the end offsets
 * @param secondsSinceLastEvent since the time of the newest event applied; null before the first
 * @param rebuild               the rebuild running or last run by this service; null if none
 */
public record ProjectionStatus(String generation, List<String> projections, List<PartitionStatus> partitions,
                               Long lag, Long secondsSinceLastEvent, RebuildStatus rebuild) {
}
