package io.ledgerflow.command.account;

/** An operator's command on an account's status or overdraft limit, decided by {@link AccountLifecycle}. */
public sealed interface AccountStateCommand
        permits FreezeAccount, UnfreezeAccount, CloseAccount, ReopenAccount, ChangeOverdraftLimit {

    String accountId();
}
