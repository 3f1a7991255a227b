package io.ledgerflow.query.messaging;

import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.admin.ProjectionStatus;
import io.ledgerflow.query.admin.ProjectionStatusReport;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.testkit.FreePorts;
import io.ledgerflow.testkit.KafkaKraftBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka down while the query-service starts: it starts anyway, and declares the dead-letter topic once Kafka is
 * there, before it consumes the first record, so the first record, poison, is dead-lettered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaDownAtStartUpTest {

    private static final int KAFKA_PORT = FreePorts.pick();
    private static final String BOOTSTRAP = "127.0.0.1:" + KAFKA_PORT;
    private static final String TOPIC = LedgerTopicClient.uniqueTopicName();
    private static final String DEAD_LETTERS = TOPIC + ".dlt";
    private static KafkaKraftBroker broker;
    private static LedgerTopicClient ledger;

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    AccountQueries accounts;
    @Autowired
    ProjectionStatusReport projectionStatus;

    @DynamicPropertySource
    static void kafkaNotThereYet(DynamicPropertyRegistry registry) {
        String database = Infrastructure.newMongoDatabaseName();
        QueryServiceProperties.register(registry, () -> BOOTSTRAP, Infrastructure::mongoConnectionString,
                () -> database, () -> ledger);
        registry.add("ledgerflow.kafka.topic", () -> TOPIC);
        registry.add("ledgerflow.kafka.dead-letter-topic", () -> DEAD_LETTERS);
        registry.add("ledgerflow.kafka.dead-letter-partitions", () -> 2);
    }

    @AfterAll
    static void stopBroker() {
        if (ledger != null) {
            ledger.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theDeadLetterTopicIsDeclaredBeforeTheFirstRecordIsConsumed() throws Exception {
        assertThat(listeners.getListenerContainer(LedgerEventListener.LISTENER_ID).isRunning())
                .as("no consumer before the dead-letter topic exists").isFalse();
        ProjectionStatus unknown = projectionStatus.status();
        assertThat(unknown.lag()).as("Kafka does not answer: the lag is unknown, and the status still answers")
                .isNull();
        assertThat(unknown.partitions()).isEmpty();

        broker = KafkaKraftBroker.start(KAFKA_PORT, null);
        ledger = LedgerTopicClient.createTopic(BOOTSTRAP, TOPIC, 2);
        byte[] junk = "not a cloud event".getBytes(StandardCharsets.UTF_8);
        ledger.publishRaw("acc-1", junk);
        ledger.publish(new LedgerStream().open("acc-1", "alice", "USD"));

        await().atMost(Duration.ofSeconds(90)).until(() -> accounts.find("acc-1", ReadScope.everything()).isPresent());
        List<ConsumerRecord<String, byte[]>> deadLetters = ledger.readDeadLetters(1, Duration.ofSeconds(30));
        assertThat(deadLetters).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(junk));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            TopicDescription description = admin.describeTopics(List.of(DEAD_LETTERS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(DEAD_LETTERS);
            assertThat(description.partitions()).hasSize(2);
        }
    }
}
