package io.ledgerflow.events.transfer;

import io.ledgerflow.events.LedgerEvent;

public sealed interface TransferEvent extends LedgerEvent permits TransferPosted, TransferRejected, TransferPending,
        TransferPendingPosted, TransferVoided, TransferExpired {

    String transferId();

    TransferTerms terms();

    @Override
    default String aggregateId() {
        return transferId();
    }

    @Override
    default String aggregateType() {
        return "transfer";
    }
}
