package io.ledgerflow.command.messaging;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.FreePorts;
import io.ledgerflow.testkit.KafkaKraftBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands are accepted while Kafka is down; the publisher's token does not move past what the broker has not
 * acknowledged, and once a broker appears every stored event reaches it.
 */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
class PublishWhileKafkaIsDownTest extends CommandServiceTest {

    private static final int KAFKA_PORT = FreePorts.pick();
    private static KafkaKraftBroker broker;

    static {
        kafkaOverride = "127.0.0.1:" + KAFKA_PORT;
    }

    @DynamicPropertySource
    static void kafkaNotThereYet(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> 2000);
        registry.add("ledgerflow.kafka.send-timeout", () -> "3s");
    }

    @AfterAll
    static void stopBroker() {
        kafkaOverride = null; // a context started after this class must not look for the broker stopped here
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void accepted_commands_are_published_once_kafka_is_back() {
        String a = openAccount("USD");
        assertThat(deposit(a, unique("dep"), 500).status()).isEqualTo(201);
        long stored = storedEvents();
        assertThat(publishedUpTo()).as("nothing acknowledged, nothing passed").isLessThan(headPosition());

        broker = KafkaKraftBroker.start(KAFKA_PORT, null);

        await().atMost(Duration.ofSeconds(120)).until(() -> publishedUpTo() >= headPosition());
        List<ConsumerRecord<String, byte[]>> records = readAll(stored);
        assertThat(records).extracting(ConsumerRecord::key).contains(a)
                .anyMatch(key -> key.startsWith("@world:USD"));
        assertThat(records).hasSizeGreaterThanOrEqualTo((int) stored);
    }

    private long headPosition() {
        return jdbc.queryForObject("select coalesce(max(globalindex), 0) from domainevententry", Long.class);
    }

    /** The highest global index the publisher has passed, from its token (a gap-aware token's index). */
    private long publishedUpTo() {
        List<byte[]> tokens = jdbc.queryForList("select token from tokenentry where processorname = 'kafka-publisher'",
                byte[].class);
        if (tokens.isEmpty() || tokens.get(0) == null) {
            return -1;
        }
        String json = new String(tokens.get(0));
        int at = json.indexOf("\"index\":");
        return at < 0 ? -1 : Long.parseLong(json.substring(at + 8).split("[,}]")[0].trim());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(long atLeast) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KAFKA_PORT,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= atLeast;
            });
        }
        return records;
    }
}
