package io.ledgerflow.query.account;

import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountState;
import io.ledgerflow.events.account.Balances;

/**
 * The groups of an account's document one event sets, each complete; null for a group it leaves alone.
 *
 * @param opening the opening's immutable facts, only for {@link AccountOpened}
 */
record AccountChange(Balances balances, AccountState state, AccountOpened opening) {

    static AccountChange ofBalances(Balances balances) {
        return new AccountChange(balances, null, null);
    }

    static AccountChange ofState(AccountState state) {
        return new AccountChange(null, state, null);
    }
}
