package io.ledgerflow.events.transfer;

import io.ledgerflow.events.LedgerEvent;

public sealed interface TransferEvent extends LedgerEvent permits TransferPosted, TransferRejected, TransferPending,
        TransferPendingPosted, TransferVoided, TransferExpired {

    String transferId();

    TransferTerms terms();

    /** Double dispatch: a {@link Visitor} must name every transfer event, so a new one fails to compile until handled. */
    <R> R accept(Visitor<R> visitor);

    @Override
    default String aggregateId() {
        return transferId();
    }

    @Override
    default String aggregateType() {
        return "transfer";
    }

    /** One method per transfer event; implementing it is an exhaustive switch over the sealed hierarchy. */
    interface Visitor<R> {

        R posted(TransferPosted event);

        R rejected(TransferRejected event);

        R pending(TransferPending event);

        R pendingPosted(TransferPendingPosted event);

        R voided(TransferVoided event);

        R expired(TransferExpired event);
    }
}
