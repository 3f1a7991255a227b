package io.ledgerflow.verifier.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.ledgerflow.events.envelope.CloudEventCodec;
import io.ledgerflow.verifier.report.Progress;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a whole topic, every partition from offset zero up to its end offset as of the start, with a consumer
 * that joins no group and commits nothing: the auditor's replay leaves no trace on the cluster.
 */
public final class TopicReader {

    private final String bootstrapServers;
    private final String topic;
    private final Map<String, String> clientProperties;
    private final Duration timeout;
    private final Progress progress;
    private final List<String> notes = new ArrayList<>();
    private int partitions;

    /**
     * @param clientProperties extra Kafka consumer properties (security settings, …)
     * @param timeout          how long the broker may stay silent before the replay gives up
     */
    public TopicReader(String bootstrapServers, String topic, Map<String, String> clientProperties, Duration timeout,
                       Progress progress) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
        this.progress = progress;
    }

    public String describe() {
        return "kafka " + bootstrapServers + " topic " + topic;
    }

    /** Every record up to the end offsets; records that are no ledger event are reported and left out. */
    public List<RecordedEvent> readAll(Violations violations) throws TopicUnavailableException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             CloudEventDeserializer cloudEvents = new CloudEventDeserializer()) {
            List<TopicPartition> topicPartitions = partitions(consumer);
            partitions = topicPartitions.size();
            Map<TopicPartition, Long> ends = consumer.endOffsets(topicPartitions, timeout);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(topicPartitions, timeout);
            starts.forEach((partition, start) -> {
                if (start > 0) {
                    notes.add("partition " + partition.partition() + " begins at offset " + start
                            + ": earlier records were deleted from the topic");
                }
            });
            long total = topicPartitions.stream().mapToLong(p -> ends.get(p) - starts.get(p)).sum();
            progress.say("reading " + total + " records from " + partitions + " partitions of " + topic);
            consumer.assign(topicPartitions);
            consumer.seekToBeginning(topicPartitions);
            return read(consumer, cloudEvents, ends, total, violations);
        } catch (KafkaException e) {
            throw new TopicUnavailableException("cannot read " + describe() + ": " + e.getMessage(), e);
        }
    }

    public int partitions() {
        return partitions;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) throws TopicUnavailableException {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new TopicUnavailableException("topic " + topic + " does not exist on " + bootstrapServers, null);
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private List<RecordedEvent> read(KafkaConsumer<byte[], byte[]> consumer, CloudEventDeserializer cloudEvents,
                                     Map<TopicPartition, Long> ends, long total, Violations violations)
            throws TopicUnavailableException {
        CloudEventCodec codec = new CloudEventCodec();
        List<RecordedEvent> events = new ArrayList<>();
        Set<TopicPartition> remaining = new HashSet<>(ends.keySet());
        long read = 0;
        long lastProgress = System.nanoTime();
        while (true) {
            remaining.removeIf(partition -> consumer.position(partition, timeout) >= ends.get(partition));
            if (remaining.isEmpty()) {
                return events;
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= ends.get(partition)) {
                    continue;
                }
                read++;
                decode(record, cloudEvents, codec, violations).ifPresent(events::add);
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                throw new TopicUnavailableException("no records from " + describe() + " for " + timeout
                        + " with " + remaining.size() + " partition(s) not read to their end", null);
            }
            long count = read;
            progress.tick(() -> "read " + count + " of " + total + " records");
        }
    }

    private Optional<RecordedEvent> decode(ConsumerRecord<byte[], byte[]> record,
                                                     CloudEventDeserializer cloudEvents, CloudEventCodec codec,
                                                     Violations violations) {
        try {
            CloudEvent cloudEvent = cloudEvents.deserialize(record.topic(), record.headers(), record.value());
            return Optional.of(new RecordedEvent(codec.decode(cloudEvent), record.partition(),
                    record.offset()));
        } catch (RuntimeException e) {
            violations.report(ViolationKind.UNREADABLE_EVENT, -1,
                    "partition " + record.partition() + " offset " + record.offset(),
                    "not a ledger event: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "ledgerflow-audit-verifier");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.putAll(clientProperties);
        return properties;
    }
}
