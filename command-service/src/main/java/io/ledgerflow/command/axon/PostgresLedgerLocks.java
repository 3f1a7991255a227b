package io.ledgerflow.command.axon;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link LedgerLocks} as PostgreSQL transaction-level advisory locks: commands on one aggregate queue, across every
 * command-service instance, from before the aggregate is read until their unit of work commits or rolls back.
 * <p>
 * Holding the lock while reading means a command never appends on stale state, so no insert loses a race on
 * (aggregate id, sequence): nothing rolls back, no deadlock between inserts, and no global-index value is spent on
 * a failed insert (every such hole is a gap each tracking token has to carry until it times out). A repeat of a
 * known transfer id waits for the first attempt and then finds it, instead of failing its insert. The global lock
 * order keeps the locks themselves free of deadlocks.
 * <p>
 * A lock the transaction already holds is not asked for again: a group of commands in one transaction takes every
 * lock up front, in the global order, and each command's own requests then cost nothing.
 */
@Component
public class PostgresLedgerLocks implements LedgerLocks {

    private final JdbcTemplate jdbc;
    private final StreamSequences sequences;

    public PostgresLedgerLocks(JdbcTemplate jdbc, StreamSequences sequences) {
        this.jdbc = jdbc;
        this.sequences = sequences;
    }

    /**
     * The locks of an array of keys, taken one after the other in the array's order by one statement. A volatile
     * function in the select list is evaluated after the ORDER BY, row by row.
     */
    private static final String LOCK_IN_ORDER =
            "select pg_advisory_xact_lock(k) from unnest(?::bigint[]) with ordinality as t(k, n) order by n";

    @Override
    public void lock(String streamId) {
        lockAll(List.of(streamId));
    }

    /**
     * One statement for all the streams not yet locked by this transaction, however many there are; when there are
     * several, a second one reads their last sequence numbers ({@link StreamSequences}), since every stream a command
     * locks is one it is about to load.
     */
    @Override
    public void lockAll(List<String> streamIds) {
        requireTransaction();
        boolean tracked = TransactionSynchronizationManager.isSynchronizationActive();
        List<String> locking = streamIds.stream().distinct()
                .filter(streamId -> !tracked || heldInThisTransaction().add(streamId))
                .toList();
        Long[] keys = locking.stream().map(LedgerLocks::key).toArray(Long[]::new);
        if (keys.length == 1) {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", keys[0]);
        } else if (keys.length > 1) {
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(LOCK_IN_ORDER);
                statement.setArray(1, connection.createArrayOf("bigint", keys));
                return statement;
            }, (RowCallbackHandler) row -> { });
            sequences.prefetch(locking);
        }
    }

    /** One statement per stream tried; the first is usually free. */
    @Override
    public String lockAnyOf(List<String> streamIds) {
        requireTransaction();
        boolean tracked = TransactionSynchronizationManager.isSynchronizationActive();
        if (tracked) {
            Set<String> held = heldInThisTransaction();
            for (String streamId : streamIds) {
                if (held.contains(streamId)) {
                    return streamId;
                }
            }
        }
        for (String streamId : streamIds) {
            if (Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class,
                    LedgerLocks.key(streamId)))) {
                if (tracked) {
                    heldInThisTransaction().add(streamId);
                }
                return streamId;
            }
        }
        lock(streamIds.get(0));
        return streamIds.get(0);
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("aggregate locks live in the command's transaction; none is active");
        }
    }

    @SuppressWarnings("unchecked")
    private Set<String> heldInThisTransaction() {
        Set<String> held = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (held == null) {
            Set<String> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PostgresLedgerLocks.this);
                }
            });
            held = fresh;
        }
        return held;
    }
}
