package io.ledgerflow.events.transfer;

import io.ledgerflow.events.Revision;

/**
 * A pending transfer was posted for {@code amount} (at most the pending amount; the rest was released), committed
 * with its debit and credit.
 */
@Revision("1")
public record TransferPendingPosted(String transferId, TransferTerms terms, long amount) implements TransferEvent {

    @Override
    public <R> R accept(TransferEvent.Visitor<R> visitor) {
        return visitor.pendingPosted(this);
    }
}
