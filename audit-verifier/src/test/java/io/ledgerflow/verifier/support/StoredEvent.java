package io.ledgerflow.verifier.support;

import io.ledgerflow.events.LedgerEvent;

import java.time.Instant;

/** One event of a {@link LedgerHistory}, as the event store would hold it. */
public record StoredEvent(long position, String eventId, long sequence, Instant time, String correlationId,
                          LedgerEvent event) {

    public String aggregate() {
        return event.aggregateType() + "/" + event.aggregateId();
    }
}
