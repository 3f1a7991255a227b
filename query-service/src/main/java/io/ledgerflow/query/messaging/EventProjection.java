package io.ledgerflow.query.messaging;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.Bulk;

import java.util.List;

/**
 * One read model fed from the ledger topic. A new event type needs only a projection that handles it.
 * <p>
 * The writes must be idempotent: redelivery, replay from offset zero, stale events and any split of the topic
 * into batches leave the same documents as applying every event once, in order.
 */
public interface EventProjection {

    boolean handles(LedgerEvent event);

    /**
     * @param envelopes events this projection handles, in the order they were read (one batch of the topic)
     * @return the bulk writes that project them, to execute one after the other
     */
    List<Bulk> writesFor(List<EventEnvelope> envelopes);

    /** After this projection's bulks of the same batch were written: work that must read what they wrote. */
    default void afterWrites(List<EventEnvelope> envelopes) {
    }
}
