package io.ledgerflow.query.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an error handler does when it cannot reposition the consumer yet: the same batch again after a pause, where it
 * fails the same way until the handler can do its work.
 */
final class BatchRedelivery {

    private static final long PAUSE_MS = 1_000;

    private BatchRedelivery() {
    }

    static void again(ConsumerRecords<?, ?> records, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        records.forEach(record -> first.putIfAbsent(new TopicPartition(record.topic(), record.partition()),
                record.offset()));
        first.forEach(consumer::seek);
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
