package io.ledgerflow.command.web;

import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.util.Set;

/** Which failures of a command come from concurrent work, not from the command itself. */
public final class RetryableFailures {

    /** PostgreSQL: serialization failure, deadlock detected. */
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01");
    /** PostgreSQL: lock not available (lock_timeout passed). */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** SQLSTATE class 08: connection exception (the connection failed, or could not be made). */
    private static final String CONNECTION_EXCEPTION = "08";
    /**
     * PostgreSQL: the server ended the session (57P01 admin shutdown, 57P02 crash shutdown: another backend died and
     * the server restarts them all; 57P03 cannot connect now: still in recovery; 25P03 the transaction sat idle past
     * {@code idle_in_transaction_session_timeout}, e.g. the server stalled for longer than that mid-command, and
     * 25P04 past {@code transaction_timeout}). The transaction was rolled back with the session.
     */
    private static final Set<String> SERVER_ENDED_SESSION = Set.of("57P01", "57P02", "57P03", "25P03", "25P04");
    /** PostgreSQL: query canceled (statement_timeout passed, or an operator canceled it). */
    private static final String QUERY_CANCELED = "57014";

    private RetryableFailures() {
    }

    /**
     * The database could not be reached, stopped answering or ended the session (SQLSTATE class 08, 57P01-03, 25P03-04, a
     * connection the pool could not give), or the commit or rollback itself failed (Spring's
     * {@link TransactionSystemException}: a commit that failed on I/O, then a rollback on the closed connection):
     * whether a commit in flight took effect is unknown.
     */
    static boolean isDatabaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION)
                    || SERVER_ENDED_SESSION.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Lost a race: running the command again on fresh state will most likely succeed. */
    static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof DeadlockLoserDataAccessException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && CONFLICT_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Waited for an aggregate longer than the lock timeout: the queue is long, come back later. */
    public static boolean isLockTimeout(Throwable failure) {
        return hasState(failure, LOCK_NOT_AVAILABLE);
    }

    /** A statement of the command ran longer than the command's statement timeout: the database is slow, come back later. */
    static boolean isStatementTimeout(Throwable failure) {
        return hasState(failure, QUERY_CANCELED);
    }

    private static boolean hasState(Throwable failure, String sqlState) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
