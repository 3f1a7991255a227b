package io.ledgerflow.command.axon;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that must wait until a unit of work's events are really committed. A unit of work usually runs its own
 * transaction, and its after-commit comes after the database's. A request with an {@code Idempotency-Key} runs
 * its command inside a transaction of its own (so that its answer is stored with its events): the unit of work only
 * takes part in it, so its after-commit comes first, and the work then waits for that transaction's commit (and
 * is dropped if it rolls back). Undoing work kept in memory follows the same rule ({@link #onRollback}).
 */
public final class AfterTransaction {

    private AfterTransaction() {
    }

    /** Registers the action on the current unit of work's root, to run after the database commit. */
    public static void afterCommit(Runnable action) {
        CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> runOrDefer(action));
    }

    /**
     * Undoes work done in memory when the unit of work rolls back, or when the transaction it took part in rolls back
     * after the unit of work itself committed (a keyed request's: its answer could not be stored, its key was taken
     * over, or the commit failed).
     */
    public static void onRollback(Runnable undo) {
        CurrentUnitOfWork.get().onRollback(unitOfWork -> undo.run());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        undo.run();
                    }
                }
            });
        }
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
