package io.ledgerflow.query.messaging;

import io.ledgerflow.query.mongo.ProjectionCollections;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.Map;
import java.util.Set;

/**
 * Handles {@link GenerationSwitchedException} on the consumer's own thread: from now on it writes the current
 * generation, from that generation's checkpoints (from the beginning where it has none), dropping the records
 * already fetched.
 */
class ResumeAtCurrentGeneration implements CommonErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ResumeAtCurrentGeneration.class);

    private final ProjectionCollections collections;
    private final PartitionCheckpoints checkpoints;

    ResumeAtCurrentGeneration(ProjectionCollections collections, PartitionCheckpoints checkpoints) {
        this.collections = collections;
        this.checkpoints = checkpoints;
    }

    @Override
    public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
                            MessageListenerContainer container, Runnable invokeListener) {
        Set<TopicPartition> assigned = consumer.assignment();
        String current = collections.current();
        Map<TopicPartition, Long> next;
        try {
            next = collections.in(current, () -> checkpoints.nextOffsets(assigned));
        } catch (RuntimeException e) {
            // the same records again, which fail the same way until the checkpoints can be read
            log.warn("Cannot read the checkpoints of generation {} yet: {}", current, e.toString());
            BatchRedelivery.again(data, consumer);
            return;
        }
        collections.writeTo(current);
        for (TopicPartition partition : assigned) {
            Long offset = next.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(Set.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        log.info("Projection generation {} is current: {} resume at its checkpoints {}", collections.current(),
                assigned, next);
    }

    @Override
    public boolean seeksAfterHandling() {
        return true;
    }
}
