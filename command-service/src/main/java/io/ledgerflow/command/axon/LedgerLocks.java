package io.ledgerflow.command.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Locks a command's aggregates before it reads them, for the rest of its unit of work, in one global order: its
 * transfer first, then its customer accounts ordered by {@link #key}, then a settlement account, which is always
 * last. See {@link PostgresLedgerLocks} for why.
 */
public interface LedgerLocks {

    /** Locks one event-store stream until the current unit of work ends. */
    void lock(String streamId);

    /**
     * Locks these streams one after the other in the order given, each until the current unit of work ends; an
     * implementation may ask for them all in one request to the database, in that same order.
     */
    default void lockAll(List<String> streamIds) {
        streamIds.forEach(this::lock);
    }

    default void lockTransfer(String transferId) {
        lock(StreamIds.transfer(transferId));
    }

    /** A transfer, then its customer accounts in key order: what {@link #lockTransfer} and {@link #lockAccounts} do. */
    default void lockTransferAndAccounts(String transferId, Collection<String> accountIds) {
        lockTransfersAndAccounts(List.of(transferId), accountIds);
    }

    /** Several transfers in key order, then their customer accounts in key order: a group's, in one request. */
    default void lockTransfersAndAccounts(Collection<String> transferIds, Collection<String> accountIds) {
        List<String> streams = new ArrayList<>(LockKeys.inKeyOrder(transferIds.stream().map(StreamIds::transfer).toList()));
        streams.addAll(accountStreamsInOrder(accountIds));
        lockAll(streams);
    }

    /** Customer accounts, in key order; once per command, after {@link #lockTransfer}. */
    default void lockAccounts(Collection<String> accountIds) {
        lockAll(accountStreamsInOrder(accountIds));
    }

    private static List<String> accountStreamsInOrder(Collection<String> accountIds) {
        return LockKeys.inKeyOrder(accountIds.stream().map(StreamIds::account).toList());
    }

    /**
     * One of several interchangeable streams (a settlement account's shards): the first in the order given that no
     * other transaction holds, each tried without waiting; when all of them are held, waits for the first. One this
     * transaction holds already is taken again at once.
     *
     * @return the stream locked
     */
    default String lockAnyOf(List<String> streamIds) {
        lock(streamIds.get(0));
        return streamIds.get(0);
    }

    /**
     * Locks the stream if no other transaction holds it, without waiting; true when this transaction holds it now
     * (also when it held it already).
     */
    default boolean tryLock(String streamId) {
        lock(streamId);
        return true;
    }

    /**
     * Bounds every later lock wait of the current unit of work by {@code wait}, instead of the connection's lock
     * timeout; a wait that passes it fails the unit of work.
     */
    default void limitLockWaits(Duration wait) {
    }

    /** A settlement account: the last lock any command takes. */
    default void lockSettlement(String accountId) {
        lock(StreamIds.account(accountId));
    }

    /** Whether account {@code a} comes before account {@code b} in the lock order (settlement accounts last). */
    static boolean inLockOrder(String a, String b) {
        boolean aLast = a.startsWith("@");
        boolean bLast = b.startsWith("@");
        if (aLast != bLast) {
            return bLast;
        }
        return Long.compare(key(StreamIds.account(a)), key(StreamIds.account(b))) <= 0;
    }

    static long key(String streamId) {
        return LockKeys.key(streamId);
    }

    /** The distinct streams in the order their locks are taken ({@link #key}). */
    static List<String> inKeyOrder(Collection<String> streamIds) {
        return LockKeys.inKeyOrder(streamIds);
    }
}
