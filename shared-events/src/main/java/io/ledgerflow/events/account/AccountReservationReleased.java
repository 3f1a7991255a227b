package io.ledgerflow.events.account;

import io.ledgerflow.events.Revision;

/** A pending transfer's reservation on this account was released (void or expiry): pendingDebits or pendingCredits shrank by amount, posted did not change. */
@Revision("1")
public record AccountReservationReleased(String accountId, String transferId, long amount, Balances balances)
        implements AccountEvent {

    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.reservationReleased(this);
    }
}
