package io.ledgerflow.command.model;

import java.util.List;

/**
 * One step of a generated run, as a client, an operator or the expiry job would send it. The same concrete command
 * goes to the system under test ({@link AxonLedger}) and to the reference model ({@link ReferenceLedger}).
 * <p>
 * A transfer id written {@code ^k} names the k-th most recent hold, {@code ~k} the k-th most recently used transfer id
 * of any kind; {@link Retry} re-sends an earlier command. They are made concrete by {@link LedgerModelProperties}
 * before either side sees the command.
 */
sealed interface LedgerCommand {

    /** Who sends a command: operators may use every account, clients only their own. */
    enum Who {
        OPS("ops", true), ALICE("alice", false), BOB("bob", false);

        final String subject;
        final boolean operator;

        Who(String subject, boolean operator) {
            this.subject = subject;
            this.operator = operator;
        }

        Who next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    /** An operator opens an account (an overdraft limit only an operator may set). */
    record Open(String accountId, String ownerId, String currency, long overdraftLimit) implements LedgerCommand {
    }

    /** Operator: money in from {@code @world:<CUR>}. */
    record Deposit(String transferId, String accountId, long amount, String reference) implements LedgerCommand {
    }

    /** Operator: money out to {@code @world:<CUR>}. */
    record Withdraw(String transferId, String accountId, long amount, String reference) implements LedgerCommand {
    }

    /** {@code POST /transfers}: single-phase, or a hold with an optional timeout. */
    record Move(String transferId, Who actor, String debitAccountId, String creditAccountId, long amount,
                String currency, String reference, boolean pending, Long timeoutSeconds) implements LedgerCommand {
    }

    /** Post a pending transfer: all of it ({@code amount} null) or the amount given, which may exceed the hold. */
    record Post(String transferId, Who actor, Long amount) implements LedgerCommand {
    }

    record VoidPending(String transferId, Who actor) implements LedgerCommand {
    }

    /**
     * The expiry job's command for one id, as it would send it: for a due hold, or late, after something else resolved
     * the transfer (a stale read of its row). Never for a hold that is not due: each side skips that.
     */
    record Expire(String transferId) implements LedgerCommand {
    }

    /** Time passes; with {@code runJob} the expiry job then expires every due hold. */
    record Tick(long seconds, boolean runJob) implements LedgerCommand {
    }

    /** Generated only: time passes exactly to a hold's deadline (a {@link Tick} once concrete; 0 s without one). */
    record TickTo(String transferId, boolean runJob) implements LedgerCommand {
    }

    enum Action { FREEZE, UNFREEZE, CLOSE, REOPEN }

    record Act(Action action, String accountId) implements LedgerCommand {
    }

    record SetOverdraft(String accountId, long overdraftLimit) implements LedgerCommand {
    }

    record Item(String transferId, String debitAccountId, String creditAccountId, long amount, String currency,
                String reference, boolean pending, Long timeoutSeconds) {
    }

    /** {@code POST /transfers/batch}: distinct ids, all or none. */
    record Batch(Who actor, List<Item> items) implements LedgerCommand {
    }

    /** How a retry differs from what it repeats. */
    enum Change { SAME, AMOUNT, REFERENCE, PENDING, OTHER }

    /** Re-send the {@code pick}-th earlier transfer, deposit, withdrawal or batch (modulo their number), changed or not. */
    record Retry(int pick, Change change) implements LedgerCommand {
    }
}
