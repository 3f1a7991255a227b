package io.ledgerflow.query.messaging;

import io.ledgerflow.query.support.QueryServiceTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query-service killed without leaving its group keeps its partitions until the broker gives up on its session;
 * the instance that replaces it projects nothing until then. Kafka's 45 s default left reads stale for about 30 s
 * after the new instance said it was ready (measured on the local stack: 46 s from kill -9 to caught up, 14 s with
 * these settings).
 */
class ConsumerSessionTest extends QueryServiceTest {

    @Autowired
    ConsumerFactory<?, ?> consumers;

    @Test
    void the_projections_consumers_give_up_a_silent_member_after_10_seconds_heartbeating_every_3() {
        assertThat(consumers.getConfigurationProperties())
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000")
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
    }
}
