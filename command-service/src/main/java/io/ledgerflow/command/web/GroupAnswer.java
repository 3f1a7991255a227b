package io.ledgerflow.command.web;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Between a group's sender and a keyed request whose command ran in the group: the answer the request rendered goes
 * to the sender, which stores it in the group's transaction, and the group's end comes back to the request, which
 * sends its answer only once the group committed.
 */
public final class GroupAnswer {

    private static final Object NONE = new Object();

    private final CompletableFuture<Object> answer = new CompletableFuture<>();
    private final CompletableFuture<Boolean> committed = new CompletableFuture<>();

    /** The request's answer to store; null when it has none worth keeping, so the group must not commit. */
    public void hand(Object rendered) {
        answer.complete(rendered == null ? NONE : rendered);
    }

    /** The sender: the answer handed over within the wait; empty when there is none (the group then rolls back). */
    public Optional<Object> await(Duration wait) {
        try {
            Object rendered = answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return rendered == NONE ? Optional.empty() : Optional.of(rendered);
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The sender, once the group committed, or failed (rolled back, or its commit's fate unknown). */
    public void finished(boolean groupCommitted) {
        committed.complete(groupCommitted);
    }

    /** The request: how the group ended, or that it still runs after the wait. */
    public End awaitEnd(Duration wait) {
        try {
            return committed.get(wait.toMillis(), TimeUnit.MILLISECONDS) ? End.COMMITTED : End.FAILED;
        } catch (TimeoutException | ExecutionException e) {
            return End.STILL_RUNNING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return End.STILL_RUNNING;
        }
    }

    public enum End {
        COMMITTED,
        /** Rolled back, or its commit failed in a way that leaves its fate to be looked up. */
        FAILED,
        STILL_RUNNING
    }
}
