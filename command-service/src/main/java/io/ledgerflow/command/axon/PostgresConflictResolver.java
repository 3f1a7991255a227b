package io.ledgerflow.command.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells Axon which failed appends are concurrency conflicts, so that they surface as a ConcurrencyException and
 * the command is run again: PostgreSQL's unique violation (SQLSTATE 23505, a lost race on (aggregate id,
 * sequence)) and a deadlock or serialization failure (40P01, 40001), anywhere in the cause chain, including the
 * "next exception" of a batch. Axon's error-code based resolver misses them (PostgreSQL reports SQL states, not
 * vendor codes). With {@link LedgerLocks} these should not happen; they still must never become a 500.
 */
public class PostgresConflictResolver implements PersistenceExceptionResolver {

    private static final Set<String> CONFLICT_STATES = Set.of("23505", "40P01", "40001");

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isConflict(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConflict(SQLException exception) {
        for (SQLException next = exception; next != null; next = next.getNextException()) {
            if (next.getSQLState() != null && CONFLICT_STATES.contains(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
