package io.ledgerflow.query.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a batch's independent projection writes side by side. A batch's time is mostly round trips to MongoDB, one
 * after the other (each projection's bulk writes, the dashboard's counters): run together, the batch takes about as
 * long as its longest projection instead of their sum, and the projections' lag shrinks with it.
 * <p>
 * Bounded: at most {@code threads} helpers for all listener threads together; a write that finds none free runs on
 * the caller's thread, so a batch never waits for a helper. {@link #runAll} returns only once every write has ended,
 * failed ones included, so a batch retried after a failure never overlaps a write of its previous attempt.
 */
public final class ParallelWrites implements AutoCloseable {

    private final ThreadPoolExecutor helpers;

    /** @param threads helper threads; 0 runs every write on the caller's thread, one after the other */
    public ParallelWrites(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 or more: " + threads);
        }
        AtomicInteger created = new AtomicInteger();
        this.helpers = threads == 0 ? null : new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "projection-writer-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (write, pool) -> write.run()); // no helper free, or closed: the caller's thread, never dropped
    }

    /** Runs every write, side by side where helpers are free; throws the first failure once all have ended. */
    public void runAll(List<Runnable> writes) {
        if (helpers == null || writes.size() < 2) {
            writes.forEach(Runnable::run);
            return;
        }
        List<Future<?>> others = new ArrayList<>(writes.size() - 1);
        for (Runnable write : writes.subList(1, writes.size())) {
            others.add(helpers.submit(write));
        }
        Throwable failure = null;
        try {
            writes.get(0).run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> other : others) {
            failure = collect(failure, awaitQuietly(other));
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /** What the write threw, or null; waits through interrupts (a write in flight is not abandoned), then restores them. */
    private static Throwable awaitQuietly(Future<?> write) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    write.get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Throwable collect(Throwable first, Throwable next) {
        if (next == null) {
            return first;
        }
        if (first == null) {
            return next instanceof RuntimeException || next instanceof Error ? next : new IllegalStateException(next);
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }
}
