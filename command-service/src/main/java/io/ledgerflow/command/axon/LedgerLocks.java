package io.ledgerflow.command.axon;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.UUID;

/**
 * Locks a command's aggregates before it reads them, for the rest of its unit of work, in one global order: its
 * transfer first, then its customer accounts ordered by {@link #key}, then a settlement account, which is always
 * last. See {@link PostgresLedgerLocks} for why.
 */
public interface LedgerLocks {

    /** Locks one event-store stream until the current unit of work ends. */
    void lock(String streamId);

    default void lockTransfer(String transferId) {
        lock(StreamIds.transfer(transferId));
    }

    /** Customer accounts, in key order; once per command, after {@link #lockTransfer}. */
    default void lockAccounts(Collection<String> accountIds) {
        accountIds.stream().distinct().map(StreamIds::account)
                .sorted((a, b) -> Long.compare(key(a), key(b)))
                .forEach(this::lock);
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
        return UUID.nameUUIDFromBytes(streamId.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }
}
