package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.LedgerTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerKafkaPropertiesTest {

    @Test
    void defaultsToThePublishedTopicAndItsDeadLetterTopic() {
        LedgerKafkaProperties properties = new LedgerKafkaProperties(null, "", 0, null);

        assertThat(properties.topic()).isEqualTo(LedgerTopic.NAME);
        assertThat(properties.deadLetterTopic()).isEqualTo(LedgerTopic.DEAD_LETTER);
        assertThat(properties.deadLetterPartitions()).isEqualTo(3);
        assertThat(properties.retry()).isEqualTo(LedgerKafkaProperties.Retry.DEFAULT);
    }

    @Test
    void anotherTopicGetsItsOwnDeadLetterTopic() {
        assertThat(new LedgerKafkaProperties("replay.events", null, 1, null).deadLetterTopic())
                .isEqualTo("replay.events.dlt");
    }
}
