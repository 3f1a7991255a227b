package io.ledgerflow.query.messaging;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.envelope.EventEnvelope;

/**
 * One read model fed from the ledger topic. Every {@link #apply} must be idempotent: redelivery, replay from
 * offset zero and stale events leave the same documents. A new event type needs only a projection that handles it.
 */
public interface EventProjection {

    boolean handles(LedgerEvent event);

    void apply(EventEnvelope envelope);
}
