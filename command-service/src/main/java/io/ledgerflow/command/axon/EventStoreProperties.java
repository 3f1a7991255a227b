package io.ledgerflow.command.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param gapTimeout           how long a hole in the global index is watched before PostgreSQL's snapshot is asked
 *                             whether any transaction can still fill it ({@link GapWatch}); never compared with
 *                             event timestamps
 * @param maxGapOffset         how far behind the newest event read a hole is still kept open. Axon's default,
 *                             10,000, gave up on the insert of a transaction still open while ten thousand events
 *                             committed past it (four batches of a thousand transfers, a few seconds), and the
 *                             publisher skipped that event for good. A million cannot pass within the timeouts that
 *                             bound a transaction; it still bounds the set of holes a token can carry
 */
@ConfigurationProperties("ledgerflow.event-store")
public record EventStoreProperties(@DefaultValue("60s") Duration gapTimeout,
                                   @DefaultValue("1000000") int maxGapOffset) {
}
