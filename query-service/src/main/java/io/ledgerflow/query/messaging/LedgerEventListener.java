package io.ledgerflow.query.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Projects the ledger topic. On assignment each partition resumes where this database's projections stopped;
 * a partition this database has never seen (empty or dropped database) is read from offset zero, which
 * rebuilds the projections from the topic. In steady state the checkpoint equals the committed offset.
 * <p>
 * If the database is lost while we run, a vanished checkpoint (busy partitions) or a vanished generation marker
 * (checked when the consumer is idle) makes every consumer of this process read its partitions from zero again.
 * The container starts only once the dead-letter topic exists (see {@link DeadLetterTopic}).
 */
@Component
public class LedgerEventListener implements ConsumerSeekAware {

    public static final String LISTENER_ID = "ledger-projections";

    private static final Logger log = LoggerFactory.getLogger(LedgerEventListener.class);

    private final RecordDecoder decoder;
    private final ProjectionDispatcher dispatcher;
    private final PartitionCheckpoints checkpoints;
    private final ProjectionGeneration generation;

    public LedgerEventListener(RecordDecoder decoder, ProjectionDispatcher dispatcher,
                               PartitionCheckpoints checkpoints, ProjectionGeneration generation) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.checkpoints = checkpoints;
        this.generation = generation;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${ledgerflow.kafka.topic}", autoStartup = "false")
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        if (generation.behind()) {
            throw new ProjectionsLostException("projections lost before " + describe(record));
        }
        decoder.decode(record).ifPresent(envelope -> dispatcher.dispatch(List.of(envelope)));
        if (!checkpoints.advance(record.topic(), record.partition(), record.offset() + 1)) {
            generation.check();
            throw new ProjectionsLostException("checkpoint vanished at " + describe(record));
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        checkGeneration();
        generation.caughtUp();
        Map<TopicPartition, Long> checkpoints = checkpointsOf(assignments.keySet());
        for (TopicPartition partition : assignments.keySet()) {
            Long next = checkpoints.get(partition);
            if (next != null) {
                // ahead of the committed offset only if the process stopped between projecting and committing
                callback.seek(partition.topic(), partition.partition(), next);
            } else {
                log.info("No projection checkpoint for {}: projecting it from the beginning", partition);
                callback.seekToBeginning(partition.topic(), partition.partition());
            }
        }
    }

    /** An idle partition has no checkpoint write to notice a lost database with: the marker tells. */
    @Override
    public void onIdleContainer(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        checkGeneration();
        if (generation.behind() && !assignments.isEmpty()) {
            generation.caughtUp();
            try {
                this.checkpoints.restart(assignments.keySet());
            } catch (RuntimeException e) {
                generation.forget();
                log.warn("Cannot reset the checkpoints of {} yet: {}", assignments.keySet(), e.toString());
                return;
            }
            log.warn("Projections lost: reading {} again from the beginning", assignments.keySet());
            callback.seekToBeginning(assignments.keySet());
        }
    }

    private void checkGeneration() {
        try {
            generation.check();
        } catch (RuntimeException e) {
            log.warn("Cannot check the projection database's generation: {}", e.toString());
        }
    }

    /** Without the checkpoints, reading from the beginning is the choice that cannot lose an event. */
    private Map<TopicPartition, Long> checkpointsOf(Collection<TopicPartition> partitions) {
        try {
            return checkpoints.nextOffsets(partitions);
        } catch (RuntimeException e) {
            log.warn("Cannot read projection checkpoints ({}): projecting {} from the beginning", e.getMessage(),
                    partitions);
            return Map.of();
        }
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
