package io.ledgerflow.command.model;

import io.ledgerflow.command.model.LedgerCommand.Action;

import java.math.BigInteger;

/**
 * The operator actions of the reference model, from the table of docs/api.md: an action whose result is there
 * already changes nothing; nothing but close and reopen applies to a closed account; reopen does not unfreeze; only an
 * empty account closes; an overdraft limit never goes below what the account uses of it.
 */
final class ReferenceAccountRules {

    private ReferenceAccountRules() {
    }

    static String act(Action action, ModelAccount account) {
        String status = account.status;
        String target = switch (action) {
            case FREEZE -> "FROZEN";
            case UNFREEZE, REOPEN -> "OPEN";
            case CLOSE -> "CLOSED";
        };
        if (status.equals(target)) {
            return "UNCHANGED";
        }
        if ((action == Action.FREEZE || action == Action.UNFREEZE) && status.equals("CLOSED")) {
            return "REFUSED:ACCOUNT_CLOSED";
        }
        if (action == Action.CLOSE && !account.empty()) {
            return "REFUSED:ACCOUNT_NOT_EMPTY";
        }
        if (action == Action.REOPEN && status.equals("FROZEN")) {
            return "REFUSED:ACCOUNT_FROZEN";
        }
        account.status = target;
        account.version++;
        return "CHANGED";
    }

    static String setOverdraft(long limit, ModelAccount account) {
        if (account.status.equals("CLOSED")) {
            return "REFUSED:ACCOUNT_CLOSED";
        }
        if (account.overdraft == limit) {
            return "UNCHANGED";
        }
        BigInteger used = account.pendingDebits.subtract(account.posted);
        if (BigInteger.valueOf(limit).compareTo(used) < 0) {
            return "REFUSED:INSUFFICIENT_FUNDS";
        }
        account.overdraft = limit;
        account.version++;
        return "CHANGED";
    }
}
