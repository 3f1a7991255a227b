package io.ledgerflow.query.messaging;

import io.ledgerflow.query.mongo.ProjectionCollections;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Handles {@link ProjectionsLostException} on the consumer's own thread: forgets the checkpoints of every
 * partition of this consumer and reads them all again from the beginning, dropping the records already fetched.
 */
class RewindOnLostProjections implements CommonErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(RewindOnLostProjections.class);
    private static final long PAUSE_AFTER_FAILURE_MS = 1_000;

    private final PartitionCheckpoints checkpoints;
    private final ProjectionGeneration generation;
    private final ProjectionCollections collections;

    RewindOnLostProjections(PartitionCheckpoints checkpoints, ProjectionGeneration generation,
                            ProjectionCollections collections) {
        this.checkpoints = checkpoints;
        this.generation = generation;
        this.collections = collections;
    }

    @Override
    public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
                            MessageListenerContainer container, Runnable invokeListener) {
        Set<TopicPartition> assigned = consumer.assignment();
        try {
            generation.caughtUp();
            collections.writeTo(collections.current());
            checkpoints.restart(assigned);
        } catch (RuntimeException e) {
            log.warn("Cannot reset the checkpoints of {} yet, retrying: {}", assigned, e.toString());
            redeliver(data, consumer);
            sleep();
            return;
        }
        log.warn("Projections lost: reading {} again from the beginning", assigned);
        consumer.seekToBeginning(assigned);
    }

    /** Until the checkpoints are reset: the same records again, which fail the same way. */
    private void redeliver(ConsumerRecords<?, ?> records, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        records.forEach(record -> first.putIfAbsent(new TopicPartition(record.topic(), record.partition()),
                record.offset()));
        first.forEach(consumer::seek);
        generation.forget();
    }

    private static void sleep() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean seeksAfterHandling() {
        return true;
    }
}
