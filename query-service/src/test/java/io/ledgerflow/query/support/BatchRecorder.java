package io.ledgerflow.query.support;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every batch handed to the listener (redeliveries included), to show what a test's batches held. */
public final class BatchRecorder implements BatchInterceptor<Object, Object> {

    private final List<List<ConsumerRecord<?, ?>>> batches = new CopyOnWriteArrayList<>();

    @Override
    public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                                                     Consumer<Object, Object> consumer) {
        List<ConsumerRecord<?, ?>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        batches.add(List.copyOf(batch));
        return records;
    }

    public List<List<ConsumerRecord<?, ?>>> batches() {
        return List.copyOf(batches);
    }

    public void clear() {
        batches.clear();
    }
}
