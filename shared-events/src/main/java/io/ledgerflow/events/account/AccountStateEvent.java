package io.ledgerflow.events.account;

/** An event that changes an account's status or overdraft limit; it carries the complete {@link AccountState} after it. */
public sealed interface AccountStateEvent extends AccountEvent
        permits AccountFrozen, AccountUnfrozen, AccountClosed, AccountReopened, AccountOverdraftLimitChanged {

    AccountState state();
}
