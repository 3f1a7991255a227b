package io.ledgerflow.query.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The ledger topic to project, its dead-letter topic, and how often a failing record is retried before it is
 * dead-lettered ({@code retry.max-retries} further attempts with exponential backoff).
 */
@ConfigurationProperties("ledgerflow.kafka")
public record LedgerKafkaProperties(String topic, String deadLetterTopic, int deadLetterPartitions, Retry retry) {

    public record Retry(int maxRetries, Duration initialInterval, double multiplier, Duration maxInterval) {
    }
}
