package io.ledgerflow.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Opening and funding a simulation's accounts before its load, a few at a time (not measured). */
public final class Funding {

    private static final int PARALLEL = 8;

    private Funding() {
    }

    /** Opens each account (operator token) and deposits {@code amount} into it with the id {@code fund-<account>}. */
    public static void openAndFund(LedgerClient ledger, List<String> accounts, String currency, long amount) {
        eachInParallel(accounts, account -> {
            ledger.openAccount(account, currency);
            if (amount > 0) {
                ledger.deposit(account, "fund-" + account, amount);
            }
        });
    }

    /** Runs the action on each item, {@value #PARALLEL} at a time; returns when all are done, throws the first failure. */
    public static <T> void eachInParallel(List<T> items, Consumer<T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (T item : items) {
                done.add(pool.submit(() -> action.accept(item)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
