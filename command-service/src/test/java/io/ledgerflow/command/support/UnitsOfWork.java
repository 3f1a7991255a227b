package io.ledgerflow.command.support;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.util.concurrent.Callable;

/** Runs test code in a unit of work with a database transaction, as a command handler runs. */
public final class UnitsOfWork {

    private UnitsOfWork() {
    }

    public static <R> R inUnitOfWork(TransactionManager transactions, Callable<R> work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        var result = unitOfWork.executeWithResult(work);
        if (result.isExceptional()) {
            throw new AssertionError(result.exceptionResult());
        }
        return result.getPayload();
    }
}
