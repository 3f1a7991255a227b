package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Projects the ledger topic, a batch of records (one poll) at a time: decodes them, has every projection write
 * its events in bulk, then moves each partition's checkpoint once, past its last record of the batch.
 * <p>
 * Failures name the record to resume from ({@link BatchListenerFailedException}, see {@link DeadLetterConfig}): a
 * poison record names itself, so the records before it stay projected, it alone is dead-lettered, and the batch
 * goes on after it; any other failure names the batch's first record, so the whole batch is retried until it
 * succeeds, which the idempotent writes allow.
 * <p>
 * On assignment each partition resumes where this database's projections stopped; a partition this database has never
 * seen (empty or dropped database) is read from offset zero, which rebuilds the projections from the topic. The
 * committed offset only tells monitoring tools how far the group is: the container commits it after every batch, or
 * at most once a second ({@code KAFKA_LISTENER_ACK_MODE=time}), and nothing resumes there. If the database is lost
 * while we run, a vanished checkpoint (busy partitions) or a vanished generation marker (checked when the consumer is
 * idle) makes every consumer of this process read its partitions from zero again. The container starts only once the
 * dead-letter topic exists (see {@link DeadLetterTopic}). Once a batch is projected, its events go to every
 * {@link ProjectionObserver} (the live stream).
 * <p>
 * Each consumer thread writes the generation of the projections that was current when its partitions were
 * assigned; when another one becomes current ({@link CurrentGeneration}, after a rebuild), it resumes at that
 * generation's checkpoints before its next batch, or when idle.
 */
@Component
public class LedgerEventListener implements ConsumerSeekAware {

    public static final String LISTENER_ID = "ledger-projections";

    private static final Logger log = LoggerFactory.getLogger(LedgerEventListener.class);

    private final RecordDecoder decoder;
    private final ProjectionDispatcher dispatcher;
    private final PartitionCheckpoints checkpoints;
    private final ProjectionGeneration generation;
    private final CurrentGeneration current;
    private final ProjectionCollections collections;
    private final List<ProjectionObserver> observers;
    private final DistributionSummary batchSizes;
    private final Timer checkpointWrites;
    private final Timer batchTimes;

    public LedgerEventListener(RecordDecoder decoder, ProjectionDispatcher dispatcher,
                               PartitionCheckpoints checkpoints, ProjectionGeneration generation,
                               CurrentGeneration current, ProjectionCollections collections,
                               List<ProjectionObserver> observers, MeterRegistry meters) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.checkpoints = checkpoints;
        this.generation = generation;
        this.current = current;
        this.collections = collections;
        this.observers = List.copyOf(observers);
        this.batchSizes = DistributionSummary.builder("ledgerflow.projection.batch.records")
                .description("records per batch the projections were handed").register(meters);
        this.checkpointWrites = Timer.builder("ledgerflow.projection.checkpoints")
                .description("time one batch's checkpoints took to advance").register(meters);
        this.batchTimes = Timer.builder("ledgerflow.projection.batch")
                .description("time one batch took to project, checkpoints and observers included").register(meters);
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${ledgerflow.kafka.topic}", autoStartup = "false")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        if (generation.behind()) {
            throw new ProjectionsLostException("projections lost before " + describe(records.get(0)));
        }
        if (current.switched()) {
            throw new GenerationSwitchedException("generation " + collections.current() + " became current before "
                    + describe(records.get(0)));
        }
        batchSizes.record(records.size());
        long started = System.nanoTime();
        DecodedRecords decoded;
        boolean checkpointsKept;
        try {
            decoded = DecodedRecords.upToFirstPoison(records, decoder);
            checkpointsKept = project(decoded, records.subList(0, decoded.count()));
        } catch (RuntimeException e) {
            // not the records' fault: the whole batch again, from its first record, until it succeeds
            throw new BatchListenerFailedException("cannot project the batch from " + describe(records.get(0)),
                    e, 0);
        }
        batchTimes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (!checkpointsKept) {
            throw new ProjectionsLostException("checkpoint vanished projecting from " + describe(records.get(0)));
        }
        if (decoded.poison() != null) {
            throw new BatchListenerFailedException(decoded.poison().getMessage(), decoded.poison(), decoded.count());
        }
    }

    /** @return false if a checkpoint vanished: the projections were lost */
    private boolean project(DecodedRecords decoded, List<ConsumerRecord<String, byte[]>> projected) {
        dispatcher.dispatchRecords(decoded.records());
        long started = System.nanoTime();
        boolean advanced = advanceCheckpoints(projected, decoded.lastByPartition());
        checkpointWrites.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (advanced) {
            tellObservers(decoded.records().stream().map(LedgerRecord::envelope).toList());
            return true;
        }
        // so that every consumer of this process rewinds, not only this one
        generation.check();
        return false;
    }

    /** Only now may a reader that hears of an event read its effects; an observer's failure is not the batch's. */
    private void tellObservers(List<EventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        for (ProjectionObserver observer : observers) {
            try {
                observer.projected(envelopes);
            } catch (RuntimeException e) {
                log.warn("{} failed on a projected batch: {}", observer.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private boolean advanceCheckpoints(List<ConsumerRecord<String, byte[]>> projected,
                                       Map<TopicPartition, EventEnvelope> lastEvents) {
        Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        projected.forEach(record -> nextOffsets.merge(new TopicPartition(record.topic(), record.partition()),
                record.offset() + 1, Math::max));
        return checkpoints.advanceAll(nextOffsets, lastEvents);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        checkGeneration();
        generation.caughtUp();
        collections.writeTo(collections.current());
        Map<TopicPartition, Long> checkpoints = checkpointsOf(assignments.keySet());
        for (TopicPartition partition : assignments.keySet()) {
            Long next = checkpoints.get(partition);
            if (next != null) {
                // ahead of the committed offset if the process stopped between projecting and committing (or, with
                // commits once a second, by up to a second's batches)
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
        } else if (current.switched() && !assignments.isEmpty()) {
            resumeAtCurrentGeneration(assignments.keySet(), callback);
        }
    }

    /** An idle consumer has no batch to notice a new current generation with: it moves to its checkpoints here. */
    private void resumeAtCurrentGeneration(Set<TopicPartition> partitions, ConsumerSeekCallback callback) {
        String now = collections.current();
        Map<TopicPartition, Long> next;
        try {
            next = collections.in(now, () -> checkpoints.nextOffsets(partitions));
        } catch (RuntimeException e) {
            log.warn("Cannot read the checkpoints of generation {} yet: {}", now, e.toString());
            return;
        }
        collections.writeTo(now);
        for (TopicPartition partition : partitions) {
            Long offset = next.get(partition);
            if (offset == null) {
                callback.seekToBeginning(partition.topic(), partition.partition());
            } else {
                callback.seek(partition.topic(), partition.partition(), offset);
            }
        }
        log.info("Projection generation {} is current: {} resume at its checkpoints", now, partitions);
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
            collections.lost();
            return Map.of();
        }
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
