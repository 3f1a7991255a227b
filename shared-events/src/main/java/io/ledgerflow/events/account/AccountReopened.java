package io.ledgerflow.events.account;

import io.ledgerflow.events.Revision;

/** An operator reopened a closed account: it is open again. */
@Revision("1")
public record AccountReopened(String accountId, AccountState state) implements AccountStateEvent {

    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.reopened(this);
    }
}
