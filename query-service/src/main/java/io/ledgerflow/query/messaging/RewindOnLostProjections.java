package io.ledgerflow.query.messaging;

import io.ledgerflow.query.mongo.ProjectionCollections;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.Set;

/**
 * Handles {@link ProjectionsLostException} on the consumer's own thread: forgets the checkpoints of every
 * partition of this consumer and reads them all again from the beginning, dropping the records already fetched.
 */
class RewindOnLostProjections implements CommonErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(RewindOnLostProjections.class);

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
            collections.lost();
            collections.writeTo(collections.current());
            checkpoints.restart(assigned);
        } catch (RuntimeException e) {
            log.warn("Cannot reset the checkpoints of {} yet, retrying: {}", assigned, e.toString());
            // until the checkpoints are reset
            generation.forget();
            BatchRedelivery.again(data, consumer);
            return;
        }
        log.warn("Projections lost: reading {} again from the beginning", assigned);
        consumer.seekToBeginning(assigned);
    }

    @Override
    public boolean seeksAfterHandling() {
        return true;
    }
}
