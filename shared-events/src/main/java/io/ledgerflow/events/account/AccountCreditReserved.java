package io.ledgerflow.events.account;

import io.ledgerflow.events.Revision;

/** A pending transfer reserved its amount on the credit account: pendingCredits grew, posted did not. */
@Revision("1")
public record AccountCreditReserved(String accountId, String transferId, long amount, Balances balances)
        implements AccountEvent {

    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.creditReserved(this);
    }
}
