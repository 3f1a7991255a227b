package io.ledgerflow.command.web;

import java.util.Optional;

/**
 * A request with an {@code Idempotency-Key}: its answer must commit in the transaction that commits its command's
 * effects, so that a crash can never leave an applied command without its answer. While it runs, {@link Commands}
 * never runs its command outside such a transaction: either in a group's ({@link CommandGrouping}), which holds the
 * key before its commands and stores the answer the request rendered before it commits ({@link GroupedKeys}), or in a
 * transaction of the
 * request's own, begun at its first command and ended by whoever bound the request ({@link #bind}).
 */
public interface KeyedRequest {

    /** The keyed request running on this thread. */
    static Optional<KeyedRequest> current() {
        return Optional.ofNullable(Bound.CURRENT.get());
    }

    /** Binds the request to this thread until the returned scope closes. */
    static Scope bind(KeyedRequest request) {
        Bound.CURRENT.set(request);
        return Bound.CURRENT::remove;
    }

    /** Whether no command of the request has run yet, in a group or in a transaction of its own. */
    boolean unused();

    /**
     * Begins the request's own transaction on this thread and holds the key in it; the command then runs in it. Throws
     * {@link KeyTakenOver} (nothing begun) when the key is no longer this request's.
     */
    void beginOwnTransaction();

    /**
     * The command ran in a group that has not committed yet: the request hands its rendered answer to the group
     * through the exchange, and learns from it whether the group committed.
     */
    void ranInGroup(GroupAnswer exchange);

    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    final class Bound {
        private static final ThreadLocal<KeyedRequest> CURRENT = new ThreadLocal<>();

        private Bound() {
        }
    }
}
