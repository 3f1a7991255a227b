package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/** Hands each decoded event to every projection that handles its type. */
@Component
public class ProjectionDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ProjectionDispatcher.class);

    private final List<EventProjection> projections;
    private final MeterRegistry meters;

    public ProjectionDispatcher(List<EventProjection> projections, MeterRegistry meters) {
        this.projections = List.copyOf(projections);
        this.meters = meters;
    }

    public void dispatch(EventEnvelope envelope) {
        boolean handled = false;
        for (EventProjection projection : projections) {
            if (projection.handles(envelope.event())) {
                projection.apply(envelope);
                handled = true;
            }
        }
        String outcome = handled ? "applied" : "ignored";
        if (!handled) {
            // A type the published language knows but no projection reads yet: nothing to project, not poison.
            log.info("No projection handles {} (event {}, position {})", envelope.type(), envelope.id(),
                    envelope.position());
        }
        meters.counter("ledgerflow.projection.events", "type", envelope.type(), "outcome", outcome).increment();
    }
}
