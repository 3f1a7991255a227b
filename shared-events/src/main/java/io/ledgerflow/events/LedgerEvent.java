package io.ledgerflow.events;

import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.transfer.TransferEvent;

/** Every fact the ledger publishes. Each belongs to one aggregate, whose id is the Kafka key. */
public sealed interface LedgerEvent permits AccountEvent, TransferEvent {

    String aggregateId();

    /** The aggregate kind, as published in the {@code aggregatetype} CloudEvents extension. */
    String aggregateType();
}
