package io.ledgerflow.events.account;

import io.ledgerflow.events.LedgerEvent;

public sealed interface AccountEvent extends LedgerEvent permits AccountOpened, AccountDebited, AccountCredited,
        AccountStateEvent {

    String accountId();

    @Override
    default String aggregateId() {
        return accountId();
    }

    @Override
    default String aggregateType() {
        return "account";
    }
}
