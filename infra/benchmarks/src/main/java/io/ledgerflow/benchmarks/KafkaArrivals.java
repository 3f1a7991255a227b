package io.ledgerflow.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the ledger topic for the records of one key (the lag probe's debited account), from the end of the topic
 * on, with a consumer of its own (no group: it takes no records from the query-service). For each record it keeps
 * three wall-clock instants that split the lag into stages: the event's time ({@code ce_time}, when the command
 * created it), the record's timestamp (when the command-service's publisher sent it) and when this consumer got it
 * (about when the query-service's consumer can).
 */
final class KafkaArrivals implements AutoCloseable {

    /** Milliseconds since the epoch; {@code eventTime} is -1 when the record had no {@code ce_time} header. */
    record Arrival(long eventTime, long sentTime, long receivedTime) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String key;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final Thread poller;
    private volatile boolean closed;

    private KafkaArrivals(String bootstrapServers, String topic, String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(config);
        this.key = key;
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // the seek is lazy: done now, before the probe's first transfer
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(2));
            throw e;
        }
        this.poller = new Thread(this::poll, "kafka-arrivals");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Starts watching, or null (the lag is then not split, and the probe goes on) when {@code bootstrapServers} is
     * null or blank, or the topic cannot be reached.
     */
    static KafkaArrivals startOrNull(String bootstrapServers, String topic, String key) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            return null;
        }
        try {
            return new KafkaArrivals(bootstrapServers, topic, key);
        } catch (RuntimeException e) {
            System.out.println("lag probe: not split, the ledger topic could not be watched: " + e);
            return null;
        }
    }

    /** The next record of the key, in topic order; null when none arrives within {@code timeout}. */
    Arrival next(Duration timeout) throws InterruptedException {
        return arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long received = System.currentTimeMillis();
                    if (key.equals(record.key())) {
                        arrivals.add(new Arrival(eventTime(record), record.timestamp(), received));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static long eventTime(ConsumerRecord<String, byte[]> record) {
        Header time = record.headers().lastHeader("ce_time");
        return time == null ? -1 : OffsetDateTime.parse(new String(time.value(), StandardCharsets.UTF_8)).toInstant().toEpochMilli();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        poller.join(5_000);
    }
}
