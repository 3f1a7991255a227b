package io.ledgerflow.events.transfer;

import io.ledgerflow.events.Revision;

/** A single-phase transfer took effect: both legs were committed with this event, in one transaction. */
@Revision("1")
public record TransferPosted(String transferId, TransferTerms terms) implements TransferEvent {

    @Override
    public <R> R accept(TransferEvent.Visitor<R> visitor) {
        return visitor.posted(this);
    }
}
