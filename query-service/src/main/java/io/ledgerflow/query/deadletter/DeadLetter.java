package io.ledgerflow.query.deadletter;

import java.time.Instant;

/**
 * A record of the ledger topic that could not be projected, as it lies on the dead-letter topic.
 *
 * @param id        {@code <partition>-<offset>} on the dead-letter topic
 * @param error     why it could not be projected
 * @param failedAt  when it was dead-lettered
 * @param retriedAt when an admin last re-applied it successfully; null if never
 */
public record DeadLetter(String id, String topic, int partition, long offset, String key, String originalTopic,
                         Integer originalPartition, Long originalOffset, String error, Instant failedAt,
                         boolean retried, Instant retriedAt) {

    DeadLetter retriedAt(Instant at) {
        return new DeadLetter(id, topic, partition, offset, key, originalTopic, originalPartition, originalOffset,
                error, failedAt, true, at);
    }
}
