package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Projects the ledger topic from offset zero into a new generation, beside the main consumer. A poison record is
 * skipped: the main consumer dead-lettered it when it met it, and a second dead letter would only confuse.
 */
class RebuildListener implements BatchMessageListener<String, byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(RebuildListener.class);

    private final String generation;
    private final RecordDecoder decoder;
    private final ProjectionDispatcher dispatcher;
    private final PartitionCheckpoints checkpoints;
    private final ProjectionCollections collections;
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();

    RebuildListener(String generation, RecordDecoder decoder, ProjectionDispatcher dispatcher,
                    PartitionCheckpoints checkpoints, ProjectionCollections collections) {
        this.generation = generation;
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.checkpoints = checkpoints;
        this.collections = collections;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        collections.writeTo(generation);
        Map<TopicPartition, Long> next = checkpoints.nextOffsets(assignments.keySet());
        for (TopicPartition partition : assignments.keySet()) {
            Long offset = next.get(partition);
            if (offset == null) {
                callback.seekToBeginning(partition.topic(), partition.partition());
            } else {
                callback.seek(partition.topic(), partition.partition(), offset);
            }
        }
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        collections.writeTo(generation);
        List<LedgerRecord> decoded = new ArrayList<>(records.size());
        Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        Map<TopicPartition, EventEnvelope> last = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            nextOffsets.merge(partition, record.offset() + 1, Math::max);
            try {
                decoder.decode(record).ifPresent(envelope -> {
                    decoded.add(new LedgerRecord(record.topic(), record.partition(), record.offset(), envelope));
                    last.put(partition, envelope);
                });
            } catch (PoisonRecordException e) {
                skipped.add(placeOf(record.topic(), record.partition(), record.offset()));
                log.info("Rebuild of generation {} skips {}-{}@{}, a dead letter: {}", generation, record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }
        dispatcher.dispatchRecords(decoded);
        if (!checkpoints.advanceAll(nextOffsets, last)) {
            throw new IllegalStateException("the checkpoints of generation " + generation + " vanished");
        }
    }

    /** Whether this rebuild met the record at that place and skipped it as poison. */
    boolean skipped(String topic, int partition, long offset) {
        return skipped.contains(placeOf(topic, partition, offset));
    }

    private static String placeOf(String topic, int partition, long offset) {
        return topic + ":" + partition + "@" + offset;
    }
}
