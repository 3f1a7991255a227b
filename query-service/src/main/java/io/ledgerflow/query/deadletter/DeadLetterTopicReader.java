package io.ledgerflow.query.deadletter;

import io.ledgerflow.query.messaging.DeadLetterTopic;
import io.ledgerflow.query.web.KafkaUnavailableException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the dead-letter topic with a consumer of its own per request: assigned partitions, no group (nothing is
 * committed, no rebalance), every wait bounded. Kafka not answering in time is a 503, never a hung request.
 */
@Component
class DeadLetterTopicReader {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ConsumerFactory<?, ?> consumers;
    private final DeadLetterTopic topic;

    DeadLetterTopicReader(ConsumerFactory<?, ?> consumers, DeadLetterTopic topic) {
        this.consumers = consumers;
        this.topic = topic;
    }

    String topic() {
        return topic.name();
    }

    /**
     * @return up to {@code count} records from {@code from} on, partition by partition, each partition in offset
     * order
     */
    List<ConsumerRecord<String, byte[]>> read(DeadLetterId from, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Bounds bounds = bounds(consumer);
            for (TopicPartition partition : bounds.partitions()) {
                if (partition.partition() < from.partition()) {
                    continue;
                }
                long start = bounds.begin(partition);
                if (partition.partition() == from.partition()) {
                    start = Math.max(start, from.offset());
                }
                readPartition(consumer, partition, start, bounds.end(partition), count - records.size(), deadline,
                        records);
                if (records.size() >= count) {
                    break;
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unavailable(e);
        }
        return records;
    }

    Optional<ConsumerRecord<String, byte[]>> find(DeadLetterId id) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Bounds bounds = bounds(consumer);
            TopicPartition partition = new TopicPartition(topic.name(), id.partition());
            if (!bounds.partitions().contains(partition) || id.offset() < bounds.begin(partition)
                    || id.offset() >= bounds.end(partition)) {
                return Optional.empty();
            }
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            readPartition(consumer, partition, id.offset(), id.offset() + 1, 1, deadline, records);
            return records.stream().filter(record -> record.offset() == id.offset()).findFirst();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unavailable(e);
        }
    }

    private void readPartition(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long start,
                               long end, int count, long deadline, List<ConsumerRecord<String, byte[]>> into) {
        if (start >= end || count <= 0) {
            return;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, start);
        int read = 0;
        while (read < count && consumer.position(partition, remaining(deadline)) < end) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end && read < count) {
                    into.add(record);
                    read++;
                }
            }
        }
    }

    private Bounds bounds(KafkaConsumer<String, byte[]> consumer) {
        try {
            topic.ensureExists(TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (Exception e) {
            throw unavailable(e);
        }
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
        return new Bounds(partitions, consumer.beginningOffsets(partitions, TIMEOUT),
                consumer.endOffsets(partitions, TIMEOUT));
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new org.apache.kafka.common.errors.TimeoutException("reading the dead-letter topic took too long");
        }
        return Duration.ofNanos(left);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-reader");
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaUnavailableException unavailable(Exception e) {
        return new KafkaUnavailableException("cannot read " + topic.name() + ": " + e, e);
    }

    private record Bounds(List<TopicPartition> partitions, Map<TopicPartition, Long> begins,
                          Map<TopicPartition, Long> ends) {

        long begin(TopicPartition partition) {
            return begins.getOrDefault(partition, 0L);
        }

        long end(TopicPartition partition) {
            return ends.getOrDefault(partition, 0L);
        }
    }
}
