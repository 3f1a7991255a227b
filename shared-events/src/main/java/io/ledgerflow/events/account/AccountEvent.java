package io.ledgerflow.events.account;

import io.ledgerflow.events.LedgerEvent;

public sealed interface AccountEvent extends LedgerEvent permits AccountOpened, AccountDebited, AccountCredited,
        AccountDebitReserved, AccountCreditReserved, AccountReservationReleased,
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
