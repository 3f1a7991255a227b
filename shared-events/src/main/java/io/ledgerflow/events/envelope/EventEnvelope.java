package io.ledgerflow.events.envelope;

import io.ledgerflow.events.LedgerEvent;

import java.time.Instant;

/**
 * One published event with the metadata every consumer may rely on.
 *
 * @param position  the event's own global index in the event store: unique, increasing along one aggregate's
 *                  events, with gaps; an event committed late may be published after one with a higher position
 * @param sequence  the event's sequence number within its aggregate, from 0
 * @param principal the token subject whose command produced the event
 * @param clientId  the OAuth2 client that subject used
 */
public record EventEnvelope(String id, Instant time, long position, long sequence, String correlationId,
                            String causationId, String principal, String clientId, LedgerEvent event) {

    public String type() {
        return EventTypes.typeOf(event.getClass());
    }

    public String aggregateId() {
        return event.aggregateId();
    }
}
