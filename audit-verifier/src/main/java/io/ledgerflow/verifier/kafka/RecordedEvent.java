package io.ledgerflow.verifier.kafka;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.verifier.ledger.ReplayedEvent;

/** One decoded ledger record and where it was read. */
public record RecordedEvent(EventEnvelope envelope, int partition, long offset) {

    public long position() {
        return envelope.position();
    }

    ReplayedEvent replayed() {
        return new ReplayedEvent(envelope.position(), envelope.id(), envelope.event().aggregateType(),
                envelope.aggregateId(), envelope.sequence(), envelope.event());
    }

    String where() {
        return "partition " + partition + " offset " + offset;
    }
}
