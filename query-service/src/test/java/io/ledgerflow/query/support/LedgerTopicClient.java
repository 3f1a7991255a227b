package io.ledgerflow.query.support;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.ledgerflow.events.envelope.CloudEventCodec;
import io.ledgerflow.events.envelope.EventEnvelope;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Plays the command-service's publisher in tests: creates a ledger topic and writes CloudEvents (or junk) to it. */
public final class LedgerTopicClient implements AutoCloseable {

    private final String bootstrapServers;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final CloudEventSerializer cloudEvents = new CloudEventSerializer();

    private LedgerTopicClient(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        cloudEvents.configure(Map.of(), false);
    }

    /** A new topic with a unique name, so that each test class reads only its own records. */
    public static LedgerTopicClient createTopic(String bootstrapServers, int partitions) {
        return createTopic(bootstrapServers, uniqueTopicName(), partitions);
    }

    public static String uniqueTopicName() {
        return "ledger.events.test-" + UUID.randomUUID();
    }

    public static LedgerTopicClient createTopic(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
        return new LedgerTopicClient(bootstrapServers, topic);
    }

    public String topic() {
        return topic;
    }

    public String deadLetterTopic() {
        return topic + ".dlt";
    }

    public void publish(List<EventEnvelope> envelopes) {
        envelopes.forEach(this::publish);
    }

    /** Keyed by aggregate id, in binary mode, exactly as the publisher does. */
    public void publish(EventEnvelope envelope) {
        publish(envelope.aggregateId(), codec.encode(envelope));
    }

    public void publish(String key, CloudEvent cloudEvent) {
        Headers headers = new RecordHeaders();
        byte[] value = cloudEvents.serialize(topic, headers, cloudEvent);
        send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    /**
     * Straight onto the dead-letter topic, with the headers Spring's recoverer writes: a stand-in for an event that
     * failed for a cause since fixed.
     */
    public void publishDeadLetter(EventEnvelope envelope, int originalPartition, long originalOffset, String error) {
        Headers headers = new RecordHeaders();
        byte[] value = cloudEvents.serialize(topic, headers, codec.encode(envelope));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(originalPartition)
                .array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(originalOffset).array());
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, error.getBytes(StandardCharsets.UTF_8));
        send(new ProducerRecord<>(deadLetterTopic(), null, envelope.aggregateId(), value, headers));
    }

    public void publishRaw(String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Reads the dead-letter topic from the beginning until it holds {@code expected} records or time runs out. */
    public List<ConsumerRecord<String, byte[]>> readDeadLetters(int expected, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(deadLetterTopic()));
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Every record the dead-letter topic holds now: its partitions assigned (no group to join, which may take longer
     * than a short deadline on a busy broker) and read to their end offsets.
     */
    public List<ConsumerRecord<String, byte[]>> allDeadLetters() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic(), Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the dead-letter topic was not read to " + ends + " in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
