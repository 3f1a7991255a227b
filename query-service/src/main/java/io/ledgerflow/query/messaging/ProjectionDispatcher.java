package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Projects a batch of decoded events: every projection writes the events it handles, in bulk, and every
 * {@link RecordProjection} counts the records it handles. The projections write different collections and each is
 * idempotent on its own, so they write side by side ({@link ParallelWrites}); the batch is projected once all have.
 */
@Component
public class ProjectionDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ProjectionDispatcher.class);

    private final List<EventProjection> projections;
    private final List<RecordProjection> recordProjections;
    private final ParallelWrites writes;
    private final ProjectionCollections collections;
    private final MeterRegistry meters;

    public ProjectionDispatcher(List<EventProjection> projections, List<RecordProjection> recordProjections,
                                ParallelWrites writes, ProjectionCollections collections, MeterRegistry meters) {
        this.projections = List.copyOf(projections);
        this.recordProjections = List.copyOf(recordProjections);
        this.writes = writes;
        this.collections = collections;
        this.meters = meters;
    }

    /** The batch as read from the topic: every projection, those that count included. */
    public void dispatchRecords(List<LedgerRecord> batch) {
        List<EventEnvelope> envelopes = batch.stream().map(LedgerRecord::envelope).toList();
        List<Runnable> work = versionedWrites(envelopes);
        for (RecordProjection projection : recordProjections) {
            List<LedgerRecord> handled = batch.stream()
                    .filter(record -> projection.handles(record.envelope().event()))
                    .toList();
            if (!handled.isEmpty()) {
                work.add(() -> projection.project(handled));
            }
        }
        runInThisThreadsGeneration(work);
        envelopes.forEach(this::count);
    }

    /**
     * Events without their places on the topic, applied out of the topic's order (a dead letter retried by hand):
     * the projections guarded by aggregate versions take them as any other; those that count, once per event id.
     */
    public void dispatch(List<EventEnvelope> batch) {
        List<Runnable> work = versionedWrites(batch);
        for (RecordProjection projection : recordProjections) {
            List<EventEnvelope> handled = batch.stream()
                    .filter(envelope -> projection.handles(envelope.event()))
                    .toList();
            if (!handled.isEmpty()) {
                work.add(() -> projection.projectOutOfPlace(handled));
            }
        }
        runInThisThreadsGeneration(work);
        batch.forEach(this::count);
    }

    /** The generation a consumer thread writes is its own (a rebuild's is not the current one): the helpers take it on. */
    private void runInThisThreadsGeneration(List<Runnable> work) {
        String generation = collections.generation();
        writes.runAll(work.stream().<Runnable>map(write -> () -> collections.in(generation, () -> {
            write.run();
            return null;
        })).toList());
    }

    /** One piece of work per projection: its bulk writes, in the order it gave them. */
    private List<Runnable> versionedWrites(List<EventEnvelope> batch) {
        List<Runnable> work = new ArrayList<>();
        for (EventProjection projection : projections) {
            List<EventEnvelope> handled = batch.stream()
                    .filter(envelope -> projection.handles(envelope.event()))
                    .toList();
            if (!handled.isEmpty()) {
                work.add(() -> projection.writesFor(handled).forEach(Bulk::execute));
            }
        }
        return work;
    }

    private void count(EventEnvelope envelope) {
        boolean handled = projections.stream().anyMatch(projection -> projection.handles(envelope.event()))
                || recordProjections.stream().anyMatch(projection -> projection.handles(envelope.event()));
        if (!handled) {
            // A type the published language knows but no projection reads yet: nothing to project, not poison.
            log.info("No projection handles {} (event {}, position {})", envelope.type(), envelope.id(),
                    envelope.position());
        }
        meters.counter("ledgerflow.projection.events", "type", envelope.type(), "outcome",
                handled ? "applied" : "ignored").increment();
    }
}
