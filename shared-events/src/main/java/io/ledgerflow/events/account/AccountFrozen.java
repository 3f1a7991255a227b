package io.ledgerflow.events.account;

import io.ledgerflow.events.Revision;

/** An operator froze the account: no debits and no new holds until it is unfrozen; credits still land. */
@Revision("1")
public record AccountFrozen(String accountId, AccountState state) implements AccountStateEvent {

    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.frozen(this);
    }
}
