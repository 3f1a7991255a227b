package io.ledgerflow.events.transfer;

import io.ledgerflow.events.MayBeNull;
import io.ledgerflow.events.Revision;

/**
 * A two-phase transfer reserved its amount on both accounts (committed with both reservations, in one
 * transaction). It stays pending until it is posted, voided or expires.
 *
 * @param timeoutSeconds seconds after which it expires, or null for never
 */
@Revision("1")
public record TransferPending(String transferId, TransferTerms terms, @MayBeNull Long timeoutSeconds) implements TransferEvent {

    @Override
    public <R> R accept(TransferEvent.Visitor<R> visitor) {
        return visitor.pending(this);
    }
}
