package io.ledgerflow.command.messaging;

import io.ledgerflow.events.envelope.LedgerTopic;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param partitions   partitions of the ledger topic when we create it
 * @param replicas     its replication factor (1 for the local stack, 3 in production)
 * @param sendTimeout  how long one publish may wait for the broker before the processor backs off and retries
 */
@ConfigurationProperties("ledgerflow.kafka")
public record PublisherProperties(@DefaultValue(LedgerTopic.NAME) String topic,
                                  @DefaultValue("12") int partitions,
                                  @DefaultValue("1") short replicas,
                                  @DefaultValue("30s") Duration sendTimeout) {
}
