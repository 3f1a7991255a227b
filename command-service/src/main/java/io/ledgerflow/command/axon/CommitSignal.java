package io.ledgerflow.command.axon;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts the event store's commits, so that a reader that found nothing new can sleep until the next one. */
public final class CommitSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private volatile long commits;

    /** Read before looking for new events: a commit after that read is not missed by {@link #awaitAfter}. */
    public long commits() {
        return commits;
    }

    void signal() {
        lock.lock();
        try {
            commits++;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether a commit came after {@code seen} before the timeout */
    boolean awaitAfter(long seen, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (commits == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = committed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
