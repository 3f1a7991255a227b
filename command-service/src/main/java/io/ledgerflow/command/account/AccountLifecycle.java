package io.ledgerflow.command.account;

import io.ledgerflow.events.account.AccountClosed;
import io.ledgerflow.events.account.AccountFrozen;
import io.ledgerflow.events.account.AccountOverdraftLimitChanged;
import io.ledgerflow.events.account.AccountReopened;
import io.ledgerflow.events.account.AccountState;
import io.ledgerflow.events.account.AccountStateEvent;
import io.ledgerflow.events.account.AccountUnfrozen;
import io.ledgerflow.events.account.Balances;

import static io.ledgerflow.command.account.AccountStatus.CLOSED;
import static io.ledgerflow.command.account.AccountStatus.FROZEN;
import static io.ledgerflow.command.account.AccountStatus.OPEN;

/**
 * The rules of an account's status and overdraft limit, as one pure function of the command and the account.
 * <p>
 * An action whose result is already there changes nothing (a repeat is safe: 200, no event). An action that cannot
 * reach its result is refused: nothing but {@code close} (a repeat) and {@code reopen} applies to a closed account
 * ({@code ACCOUNT_CLOSED}), and {@code reopen} does not unfreeze a frozen account ({@code ACCOUNT_FROZEN}). An open
 * or frozen account closes only with zero posted balance and nothing pending ({@code ACCOUNT_NOT_EMPTY}). The
 * overdraft limit may not go below what the account already uses of it ({@code INSUFFICIENT_FUNDS}), so
 * {@code available} never drops below zero; the lowest limit allowed blocks every further debit.
 */
final class AccountLifecycle {

    private AccountLifecycle() {
    }

    static StateDecision decide(AccountStateCommand command, AccountSnapshot account) {
        if (command instanceof FreezeAccount) {
            return account.status() == FROZEN ? keep() : unlessClosed(account,
                    new AccountFrozen(account.id(), state(FROZEN, account.overdraftLimit())));
        }
        if (command instanceof UnfreezeAccount) {
            return account.status() == OPEN ? keep() : unlessClosed(account,
                    new AccountUnfrozen(account.id(), state(OPEN, account.overdraftLimit())));
        }
        if (command instanceof CloseAccount) {
            return close(account);
        }
        if (command instanceof ReopenAccount) {
            return reopen(account);
        }
        return changeOverdraftLimit((ChangeOverdraftLimit) command, account);
    }

    private static StateDecision close(AccountSnapshot account) {
        if (account.status() == CLOSED) {
            return keep();
        }
        Balances balances = account.balances();
        if (balances.posted() != 0 || balances.pendingDebits() != 0 || balances.pendingCredits() != 0) {
            return new StateDecision.Refuse(StateRefusal.ACCOUNT_NOT_EMPTY, "account " + account.id() + " holds "
                    + balances.posted() + " posted, " + balances.pendingDebits() + " pending debits and "
                    + balances.pendingCredits() + " pending credits: only an empty account can be closed");
        }
        return new StateDecision.Record(new AccountClosed(account.id(), state(CLOSED, account.overdraftLimit())));
    }

    private static StateDecision reopen(AccountSnapshot account) {
        if (account.status() == OPEN) {
            return keep();
        }
        if (account.status() == FROZEN) {
            return new StateDecision.Refuse(StateRefusal.ACCOUNT_FROZEN,
                    "account " + account.id() + " is frozen, not closed: unfreeze it instead");
        }
        return new StateDecision.Record(new AccountReopened(account.id(), state(OPEN, account.overdraftLimit())));
    }

    private static StateDecision changeOverdraftLimit(ChangeOverdraftLimit command, AccountSnapshot account) {
        if (account.status() == CLOSED) {
            return closed(account);
        }
        if (command.overdraftLimit() == account.overdraftLimit()) {
            return keep();
        }
        long used = account.balances().pendingDebits() - account.balances().posted();
        if (command.overdraftLimit() < used) {
            return new StateDecision.Refuse(StateRefusal.INSUFFICIENT_FUNDS, "account " + account.id() + " uses "
                    + used + " of its overdraft: the limit cannot go below that (a limit of " + used
                    + " blocks every further debit)");
        }
        return new StateDecision.Record(new AccountOverdraftLimitChanged(account.id(), account.overdraftLimit(),
                state(account.status(), command.overdraftLimit())));
    }

    private static StateDecision unlessClosed(AccountSnapshot account, AccountStateEvent event) {
        return account.status() == CLOSED ? closed(account) : new StateDecision.Record(event);
    }

    private static StateDecision closed(AccountSnapshot account) {
        return new StateDecision.Refuse(StateRefusal.ACCOUNT_CLOSED, "account " + account.id() + " is closed");
    }

    private static StateDecision keep() {
        return new StateDecision.Keep();
    }

    private static AccountState state(AccountStatus status, long overdraftLimit) {
        return new AccountState(status.published(), overdraftLimit);
    }
}
