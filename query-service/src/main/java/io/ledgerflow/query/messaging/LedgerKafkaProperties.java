package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.LedgerTopic;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The ledger topic to project, its dead-letter topic ({@code <topic>.dlt} unless set), and the backoff between
 * attempts at a record that fails for a reason other than itself (retried until it succeeds; exponential, its
 * pauses capped at the larger of {@code retry.max-interval} and 30 s).
 */
@ConfigurationProperties("ledgerflow.kafka")
public record LedgerKafkaProperties(String topic, String deadLetterTopic, int deadLetterPartitions, Retry retry) {

    public LedgerKafkaProperties {
        topic = isBlank(topic) ? LedgerTopic.NAME : topic;
        if (isBlank(deadLetterTopic)) {
            deadLetterTopic = topic.equals(LedgerTopic.NAME) ? LedgerTopic.DEAD_LETTER : topic + ".dlt";
        }
        deadLetterPartitions = deadLetterPartitions > 0 ? deadLetterPartitions : 3;
        retry = retry == null ? Retry.DEFAULT : retry;
    }

    public record Retry(Duration initialInterval, double multiplier, Duration maxInterval) {

        static final Retry DEFAULT = new Retry(Duration.ofMillis(200), 2.0, Duration.ofSeconds(2));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
