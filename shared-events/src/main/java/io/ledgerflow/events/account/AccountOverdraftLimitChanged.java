package io.ledgerflow.events.account;

import io.ledgerflow.events.Revision;

/** An operator changed the overdraft limit from {@code previousOverdraftLimit} to {@code state.overdraftLimit()}. */
@Revision("1")
public record AccountOverdraftLimitChanged(String accountId, long previousOverdraftLimit, AccountState state)
        implements AccountStateEvent {

    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.overdraftLimitChanged(this);
    }
}
