package io.ledgerflow.query.messaging;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.envelope.EventEnvelope;

import java.util.List;

/**
 * A read model that adds events up rather than storing each aggregate's latest state, such as totals. A sum cannot
 * be guarded by an aggregate's version, so it needs each record's offset on its partition to count it exactly
 * once, whatever the batches and however often a record is redelivered.
 */
public interface RecordProjection {

    boolean handles(LedgerEvent event);

    /**
     * @param records records this projection handles, in the order they were read (one batch of the topic); it
     *                must leave the same documents as counting every record once, in order
     */
    void project(List<LedgerRecord> records);

    /**
     * Events applied again outside the topic's order, such as a dead letter retried by hand (a record that never
     * reached the projections where it was read): each event id is counted once however often it comes this way.
     */
    void projectOutOfPlace(List<EventEnvelope> envelopes);
}
