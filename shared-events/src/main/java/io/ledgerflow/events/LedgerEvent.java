package io.ledgerflow.events;

/**
 * Every fact the ledger publishes. Each belongs to one aggregate, whose id is the Kafka key.
 * Each aggregate's events form a sealed interface of records in its own package ({@code AccountEvent},
 * {@code TransferEvent}); this root cannot be sealed across packages outside a named module.
 */
public interface LedgerEvent {

    String aggregateId();

    /** The aggregate kind, as published in the {@code aggregatetype} CloudEvents extension. */
    String aggregateType();
}
