package io.ledgerflow.command.axon;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashSet;
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

    public PostgresLedgerLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lock(String streamId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("aggregate locks live in the command's transaction; none is active");
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive() || heldInThisTransaction().add(streamId)) {
            jdbc.queryForList("select pg_advisory_xact_lock(?)", LedgerLocks.key(streamId));
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
