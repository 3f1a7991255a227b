package io.ledgerflow.events.account;

import io.ledgerflow.events.Revision;

/** The credit leg of a posted transfer. */
@Revision("1")
public record AccountCredited(String accountId, String transferId, long amount, Balances balances)
        implements AccountEvent {

    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.credited(this);
    }
}
