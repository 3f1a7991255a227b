package io.ledgerflow.command.axon;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that must wait until a unit of work's events are really committed. A unit of work usually runs its own
 * transaction, and its after-commit comes after the database's. A request with an {@code Idempotency-Key} runs
 * its command inside a transaction of its own (so that its answer is stored with its events): the unit of work only
 * takes part in it, so its after-commit comes first, and the work then waits for that transaction's commit (and
 * is dropped if it rolls back).
 */
public final class AfterTransaction {

    private AfterTransaction() {
    }

    /** Registers the action on the current unit of work's root, to run after the database commit. */
    public static void afterCommit(Runnable action) {
        CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> runOrDefer(action));
    }

    /** From a unit of work's after-commit: now, or after the commit of the transaction it took part in. */
    static void runOrDefer(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
