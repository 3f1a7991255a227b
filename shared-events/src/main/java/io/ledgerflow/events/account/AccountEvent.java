package io.ledgerflow.events.account;

import io.ledgerflow.events.LedgerEvent;

public sealed interface AccountEvent extends LedgerEvent permits AccountOpened, AccountDebited, AccountCredited,
        AccountDebitReserved, AccountCreditReserved, AccountReservationReleased,
        AccountStateEvent {

    String accountId();

    /** Double dispatch: a {@link Visitor} must name every account event, so a new one fails to compile until handled. */
    <R> R accept(Visitor<R> visitor);

    @Override
    default String aggregateId() {
        return accountId();
    }

    @Override
    default String aggregateType() {
        return "account";
    }

    /** One method per account event; implementing it is an exhaustive switch over the sealed hierarchy. */
    interface Visitor<R> {

        R opened(AccountOpened event);

        R debited(AccountDebited event);

        R credited(AccountCredited event);

        R debitReserved(AccountDebitReserved event);

        R creditReserved(AccountCreditReserved event);

        R reservationReleased(AccountReservationReleased event);

        R frozen(AccountFrozen event);

        R unfrozen(AccountUnfrozen event);

        R closed(AccountClosed event);

        R reopened(AccountReopened event);

        R overdraftLimitChanged(AccountOverdraftLimitChanged event);
    }
}
