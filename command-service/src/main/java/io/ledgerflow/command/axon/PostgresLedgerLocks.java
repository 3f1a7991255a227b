package io.ledgerflow.command.axon;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.PreparedStatement;
import java.time.Duration;
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
 * <p>
 * The first lock of a transaction also bounds every later statement of that transaction (the command's loads, its
 * further lock waits, its inserts and its commit) by {@code ledgerflow.commands.statement-timeout}: one
 * transaction-local {@code set_config} in the lock's own statement, so it costs no round trip and ends with the
 * transaction, leaving the pooled connection as it was. Only commands lock aggregates, so audit exports and other
 * long reads are not bounded by it.
 */
@Component
public class PostgresLedgerLocks implements LedgerLocks {

    private final JdbcTemplate jdbc;
    private final StreamSequences sequences;
    /** PostgreSQL's statement_timeout in milliseconds; "0" leaves statements unbounded. */
    private final String statementTimeout;

    public PostgresLedgerLocks(JdbcTemplate jdbc, StreamSequences sequences,
                               @Value("${ledgerflow.commands.statement-timeout:10s}") Duration statementTimeout) {
        if (statementTimeout.isNegative()) {
            throw new IllegalArgumentException("ledgerflow.commands.statement-timeout must not be negative");
        }
        this.jdbc = jdbc;
        this.sequences = sequences;
        this.statementTimeout = Long.toString(statementTimeout.toMillis());
    }

    /**
     * The locks of an array of keys, taken one after the other in the array's order by one statement. A volatile
     * function in the select list is evaluated after the ORDER BY, row by row.
     */
    private static final String LOCK_IN_ORDER =
            "select pg_advisory_xact_lock(k) from unnest(?::bigint[]) with ordinality as t(k, n) order by n";
    /**
     * The first statement of a transaction that locks sets its statement timeout and, when a limit on its lock waits
     * is pending ({@link #limitLockWaits}), its lock timeout, else keeps the connection's. A CTE with volatile
     * functions runs once, before any row of the query that reads it: so the limit holds for this statement's own
     * waits too.
     */
    private static final String BOUND = "with bound as (select set_config('statement_timeout', ?, true),"
            + " set_config('lock_timeout', coalesce(?::text, current_setting('lock_timeout')), true)) ";
    private static final String BOUND_AND_LOCK_IN_ORDER = BOUND
            + "select pg_advisory_xact_lock(k) from bound, unnest(?::bigint[]) with ordinality as t(k, n) order by n";
    private static final String LOCK = "select pg_advisory_xact_lock(?)";
    private static final String BOUND_AND_LOCK = BOUND + "select pg_advisory_xact_lock(?) from bound";
    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock(?)";
    private static final String BOUND_AND_TRY_LOCK = BOUND + "select pg_try_advisory_xact_lock(?) from bound";
    private static final String LIMIT_LOCK_WAITS = "select set_config('lock_timeout', ?, true)";

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
        TransactionLocks transaction = inThisTransaction();
        List<String> locking = streamIds.stream().distinct().filter(transaction::startHolding).toList();
        Long[] keys = locking.stream().map(LedgerLocks::key).toArray(Long[]::new);
        if (keys.length == 0) {
            return;
        }
        boolean bound = transaction.bind();
        if (keys.length == 1) {
            if (bound) {
                jdbc.queryForList(BOUND_AND_LOCK, statementTimeout, transaction.lockWait(), keys[0]);
            } else {
                jdbc.queryForList(LOCK, keys[0]);
            }
            return;
        }
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(bound ? BOUND_AND_LOCK_IN_ORDER : LOCK_IN_ORDER);
            int parameter = 1;
            if (bound) {
                statement.setString(parameter++, statementTimeout);
                statement.setString(parameter++, transaction.lockWait());
            }
            statement.setArray(parameter, connection.createArrayOf("bigint", keys));
            return statement;
        }, (RowCallbackHandler) row -> { });
        sequences.prefetch(locking);
    }

    /**
     * PostgreSQL's {@code lock_timeout}, for this transaction only: it ends with it, like the locks. Set by the
     * transaction's first lock statement when that is still to come, so it costs no statement of its own.
     */
    @Override
    public void limitLockWaits(Duration wait) {
        String millis = Long.toString(Math.max(1, wait.toMillis()));
        TransactionLocks transaction = inThisTransaction();
        if (TransactionSynchronizationManager.isSynchronizationActive() && !transaction.bound()) {
            transaction.limitLockWaits(millis);
        } else {
            jdbc.queryForList(LIMIT_LOCK_WAITS, millis);
        }
    }

    /** One statement per stream tried; the first is usually free. */
    @Override
    public String lockAnyOf(List<String> streamIds) {
        TransactionLocks transaction = inThisTransaction();
        for (String streamId : streamIds) {
            if (transaction.holds(streamId)) {
                return streamId;
            }
        }
        for (String streamId : streamIds) {
            if (tryLockIn(transaction, streamId)) {
                return streamId;
            }
        }
        lock(streamIds.get(0));
        return streamIds.get(0);
    }

    @Override
    public boolean tryLock(String streamId) {
        TransactionLocks transaction = inThisTransaction();
        return transaction.holds(streamId) || tryLockIn(transaction, streamId);
    }

    private boolean tryLockIn(TransactionLocks transaction, String streamId) {
        Boolean locked = transaction.bind()
                ? jdbc.queryForObject(BOUND_AND_TRY_LOCK, Boolean.class, statementTimeout, transaction.lockWait(),
                        LedgerLocks.key(streamId))
                : jdbc.queryForObject(TRY_LOCK, Boolean.class, LedgerLocks.key(streamId));
        if (Boolean.TRUE.equals(locked)) {
            transaction.startHolding(streamId);
            return true;
        }
        return false;
    }

    /**
     * What this transaction holds, kept for its lifetime when Spring tracks it; without synchronization nothing can
     * be remembered, so each call starts afresh: it asks for every lock and bounds the transaction again.
     */
    private TransactionLocks inThisTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("aggregate locks live in the command's transaction; none is active");
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new TransactionLocks();
        }
        TransactionLocks held = (TransactionLocks) TransactionSynchronizationManager.getResource(this);
        if (held == null) {
            held = new TransactionLocks();
            TransactionSynchronizationManager.bindResource(this, held);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PostgresLedgerLocks.this);
                }
            });
        }
        return held;
    }

    private static final class TransactionLocks {

        private final Set<String> held = new HashSet<>();
        private boolean bound;
        /** PostgreSQL's lock_timeout for the transaction, in milliseconds; null: the connection's. */
        private String lockWait;

        boolean holds(String streamId) {
            return held.contains(streamId);
        }

        /** Whether the lock must still be asked for. */
        boolean startHolding(String streamId) {
            return held.add(streamId);
        }

        boolean bound() {
            return bound;
        }

        void limitLockWaits(String millis) {
            lockWait = millis;
        }

        String lockWait() {
            return lockWait;
        }

        /** Whether the next statement must bound the transaction: true the first time only. */
        boolean bind() {
            boolean first = !bound;
            bound = true;
            return first;
        }
    }
}
