package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.Bulk;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/** Projects a batch of decoded events: every projection writes the events it handles, in bulk. */
@Component
public class ProjectionDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ProjectionDispatcher.class);

    private final List<EventProjection> projections;
    private final MeterRegistry meters;

    public ProjectionDispatcher(List<EventProjection> projections, MeterRegistry meters) {
        this.projections = List.copyOf(projections);
        this.meters = meters;
    }

    public void dispatch(List<EventEnvelope> batch) {
        for (EventProjection projection : projections) {
            List<EventEnvelope> handled = batch.stream()
                    .filter(envelope -> projection.handles(envelope.event()))
                    .toList();
            if (!handled.isEmpty()) {
                projection.writesFor(handled).forEach(Bulk::execute);
            }
        }
        batch.forEach(this::count);
    }

    private void count(EventEnvelope envelope) {
        boolean handled = projections.stream().anyMatch(projection -> projection.handles(envelope.event()));
        if (!handled) {
            // A type the published language knows but no projection reads yet: nothing to project, not poison.
            log.info("No projection handles {} (event {}, position {})", envelope.type(), envelope.id(),
                    envelope.position());
        }
        meters.counter("ledgerflow.projection.events", "type", envelope.type(), "outcome",
                handled ? "applied" : "ignored").increment();
    }
}
