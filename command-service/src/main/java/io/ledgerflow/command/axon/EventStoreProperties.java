package io.ledgerflow.command.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param gapCleaningThreshold open gaps in a token before the store checks which of them are permanent
 * @param gapTimeout           age after which a hole in the global index is taken to be a rolled-back insert;
 *                             must exceed the longest possible command transaction
 */
@ConfigurationProperties("ledgerflow.event-store")
public record EventStoreProperties(@DefaultValue("50") int gapCleaningThreshold,
                                   @DefaultValue("60s") Duration gapTimeout) {
}
