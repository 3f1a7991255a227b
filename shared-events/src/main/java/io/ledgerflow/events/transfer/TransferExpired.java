package io.ledgerflow.events.transfer;

import io.ledgerflow.events.Revision;

/** A pending transfer's timeout passed before it was posted or voided: both reservations were released. */
@Revision("1")
public record TransferExpired(String transferId, TransferTerms terms) implements TransferEvent {

    @Override
    public <R> R accept(TransferEvent.Visitor<R> visitor) {
        return visitor.expired(this);
    }
}
