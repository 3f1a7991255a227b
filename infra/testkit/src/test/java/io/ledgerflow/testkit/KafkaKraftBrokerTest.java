package io.ledgerflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaKraftBrokerTest {

    @Test
    void producesAndConsumesOverTheWire() throws Exception {
        String bootstrap = EmbeddedInfrastructure.kafka().bootstrapServers();

        createTopic(bootstrap, "ledger.smoke.v1", 3);
        RecordMetadata sent = send(bootstrap, "ledger.smoke.v1", "acc-1", "{\"amount\":2500}");

        assertThat(sent.offset()).isZero();
        assertThat(readAll(bootstrap, "ledger.smoke.v1", 1))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acc-1", "{\"amount\":2500}"));
    }

    @Test
    void aPickedPortTakenBeforeKafkaBindsItIsPickedAgain() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Iterator<Integer> firstPick = List.of(taken.getLocalPort()).iterator();
            try (KafkaKraftBroker broker = KafkaKraftBroker.startPicking(
                    () -> firstPick.hasNext() ? firstPick.next() : FreePorts.pick(), null)) {
                assertThat(broker.port()).isNotEqualTo(taken.getLocalPort());
                createTopic(broker.bootstrapServers(), "picked.again.v1", 1);
                assertThat(send(broker.bootstrapServers(), "picked.again.v1", "k", "v").offset()).isZero();
            }
        }
    }

    @Test
    void aKeptLogDirectorySurvivesARestart(@TempDir Path logDirectory) throws Exception {
        try (KafkaKraftBroker first = KafkaKraftBroker.start(0, logDirectory)) {
            createTopic(first.bootstrapServers(), "kept.v1", 1);
            send(first.bootstrapServers(), "kept.v1", "k", "survives");
        }

        try (KafkaKraftBroker second = KafkaKraftBroker.start(0, logDirectory)) {
            assertThat(readAll(second.bootstrapServers(), "kept.v1", 1))
                    .extracting(ConsumerRecord::value).containsExactly("survives");
        }
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static RecordMetadata send(String bootstrap, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
