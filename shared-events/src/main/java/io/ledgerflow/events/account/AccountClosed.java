package io.ledgerflow.events.account;

import io.ledgerflow.events.Revision;

/** An operator closed the account, which held no money and no pending amounts: nothing moves in or out of it. */
@Revision("1")
public record AccountClosed(String accountId, AccountState state) implements AccountStateEvent {

    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.closed(this);
    }
}
