package io.ledgerflow.events.transfer;

import io.ledgerflow.events.Revision;

/** A pending transfer was voided: both reservations were released, nothing was posted. */
@Revision("1")
public record TransferVoided(String transferId, TransferTerms terms) implements TransferEvent {

    @Override
    public <R> R accept(TransferEvent.Visitor<R> visitor) {
        return visitor.voided(this);
    }
}
