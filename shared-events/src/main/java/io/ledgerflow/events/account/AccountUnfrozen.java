package io.ledgerflow.events.account;

import io.ledgerflow.events.Revision;

/** An operator unfroze the account: it is open again. */
@Revision("1")
public record AccountUnfrozen(String accountId, AccountState state) implements AccountStateEvent {

    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.unfrozen(this);
    }
}
