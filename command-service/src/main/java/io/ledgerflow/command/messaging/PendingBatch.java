package io.ledgerflow.command.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The events of one processor batch, in order, waiting for their global positions before they are sent. */
final class PendingBatch {

    private final List<EventEnvelope> events = new ArrayList<>();

    void add(EventEnvelope withoutPosition) {
        events.add(withoutPosition);
    }

    List<String> eventIds() {
        return events.stream().map(EventEnvelope::id).toList();
    }

    /** @throws IllegalStateException when an event of the batch has no row in the store, which cannot happen */
    List<EventEnvelope> positioned(Function<List<String>, Map<String, Long>> lookup) {
        Map<String, Long> positions = lookup.apply(eventIds());
        return events.stream().map(event -> {
            Long position = positions.get(event.id());
            if (position == null) {
                throw new IllegalStateException("event " + event.id() + " is not in the event store");
            }
            return new EventEnvelope(event.id(), event.time(), position, event.sequence(), event.correlationId(),
                    event.causationId(), event.principal(), event.clientId(), event.event());
        }).toList();
    }
}
