package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.Bulk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects a batch of decoded events: every {@link RecordProjection} counts the records it handles; then every
 * projection writes the events it handles, in bulk. Counters first: a read with a consistency token judges the
 * projections by the versions the others write, and may read the counters.
 */
@Component
public class ProjectionDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ProjectionDispatcher.class);

    private final List<EventProjection> projections;
    private final List<RecordProjection> recordProjections;
    private final MeterRegistry meters;
    private final Map<Object, Timer> timers = new IdentityHashMap<>();

    @Autowired
    public ProjectionDispatcher(List<EventProjection> projections, List<RecordProjection> recordProjections,
                                MeterRegistry meters) {
        this.projections = List.copyOf(projections);
        this.recordProjections = List.copyOf(recordProjections);
        this.meters = meters;
        this.projections.forEach(this::registerTimer);
        this.recordProjections.forEach(this::registerTimer);
    }

    /** Where a batch's time goes, projection by projection: each one's round trips to MongoDB. */
    private void registerTimer(Object projection) {
        timers.put(projection, Timer.builder("ledgerflow.projection.writes")
                .description("time a projection took to write one batch")
                .tag("projection", projection.getClass().getSimpleName())
                .register(meters));
    }

    public ProjectionDispatcher(List<EventProjection> projections, MeterRegistry meters) {
        this(projections, List.of(), meters);
    }

    /** The batch as read from the topic: every projection, those that count included. */
    public void dispatchRecords(List<LedgerRecord> batch) {
        List<EventEnvelope> envelopes = batch.stream().map(LedgerRecord::envelope).toList();
        for (RecordProjection projection : recordProjections) {
            List<LedgerRecord> handled = batch.stream()
                    .filter(record -> projection.handles(record.envelope().event()))
                    .toList();
            if (!handled.isEmpty()) {
                timers.get(projection).record(() -> projection.project(handled));
            }
        }
        writeVersioned(envelopes);
        envelopes.forEach(this::count);
    }

    /**
     * Events without their places on the topic, applied out of the topic's order (a dead letter retried by hand):
     * the projections guarded by aggregate versions take them as any other; those that count, once per event id.
     */
    public void dispatch(List<EventEnvelope> batch) {
        for (RecordProjection projection : recordProjections) {
            List<EventEnvelope> handled = batch.stream()
                    .filter(envelope -> projection.handles(envelope.event()))
                    .toList();
            if (!handled.isEmpty()) {
                projection.projectOutOfPlace(handled);
            }
        }
        writeVersioned(batch);
        batch.forEach(this::count);
    }

    private void writeVersioned(List<EventEnvelope> batch) {
        for (EventProjection projection : projections) {
            List<EventEnvelope> handled = batch.stream()
                    .filter(envelope -> projection.handles(envelope.event()))
                    .toList();
            if (!handled.isEmpty()) {
                timers.get(projection).record(() -> {
                    projection.writesFor(handled).forEach(Bulk::execute);
                    projection.afterWrites(handled);
                });
            }
        }
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
