package io.ledgerflow.query.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Map;

/**
 * Projects the ledger topic. On assignment each partition resumes where this database's projections stopped;
 * a partition this database has never seen (empty or dropped database) is read from offset zero, which
 * rebuilds the projections from the topic. In steady state the checkpoint equals the committed offset.
 */
@Component
public class LedgerEventListener implements ConsumerSeekAware {

    public static final String LISTENER_ID = "ledger-projections";

    private static final Logger log = LoggerFactory.getLogger(LedgerEventListener.class);

    private final RecordDecoder decoder;
    private final ProjectionDispatcher dispatcher;
    private final PartitionCheckpoints checkpoints;

    public LedgerEventListener(RecordDecoder decoder, ProjectionDispatcher dispatcher,
                               PartitionCheckpoints checkpoints) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.checkpoints = checkpoints;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${ledgerflow.kafka.topic}")
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        dispatcher.dispatch(decoder.decode(record));
        checkpoints.advance(record.topic(), record.partition(), record.offset() + 1);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
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
}
