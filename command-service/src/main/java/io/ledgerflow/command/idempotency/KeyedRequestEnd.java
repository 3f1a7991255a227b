package io.ledgerflow.command.idempotency;

import io.ledgerflow.servicekit.idempotency.StoredResponse;
import io.ledgerflow.servicekit.idempotency.KeyEntry;
import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import io.ledgerflow.command.web.GroupAnswer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.Optional;

/**
 * Ends a keyed request where its command ran ({@link KeyedAttempt.Where}): its own transaction commits with the
 * answer or rolls back, its group's end is awaited, or, when no command ran, the answer is stored on its own or the
 * key freed; then the answer (or the problem that replaces it) is sent.
 */
final class KeyedRequestEnd {

    private static final Logger log = LoggerFactory.getLogger(KeyedRequestEnd.class);

    private final IdempotencyKeys keys;
    private final IdempotencyProblems problems;
    private final IdempotencyProperties properties;
    private final PlatformTransactionManager transactionManager;

    KeyedRequestEnd(IdempotencyKeys keys, IdempotencyProblems problems, IdempotencyProperties properties,
                    PlatformTransactionManager transactionManager) {
        this.keys = keys;
        this.problems = problems;
        this.properties = properties;
        this.transactionManager = transactionManager;
    }

    /** {@code recorded} holds what the request wrote; {@code failure} is what it threw, if it threw. */
    void end(KeyedAttempt keyed, HttpServletRequest request, HttpServletResponse response,
             ContentCachingResponseWrapper recorded, Throwable failure) throws ServletException, IOException {
        boolean keep = failure == null && StoredResponse.worthKeeping(request, recorded);
        switch (keyed.where()) {
            case NOWHERE -> settleWithoutEffects(keyed, recorded, keep, failure);
            case OWN_TRANSACTION -> finishOwnTransaction(keyed, recorded, keep, failure);
            case IN_GROUP -> finishInGroup(keyed, recorded, keep, failure);
            case TAKEN_OVER -> {
                recorded.reset();
                problems.keyTakenOver(response, keyed.key());
            }
        }
    }

    /** No command ran: the answer is stored on its own if it is worth keeping, else the key is freed. */
    private void settleWithoutEffects(KeyedAttempt keyed, ContentCachingResponseWrapper recorded, boolean keep,
                                      Throwable failure) throws ServletException, IOException {
        if (!keep) {
            settle(keyed, null);
            if (failure != null) {
                rethrow(failure);
            }
        } else {
            settle(keyed, StoredResponse.of(recorded));
        }
        recorded.copyBodyToResponse();
    }

    /** The command ran in the request's own transaction: the answer commits with it, or nothing of it stays. */
    private void finishOwnTransaction(KeyedAttempt keyed, ContentCachingResponseWrapper recorded, boolean keep,
                                      Throwable failure) throws ServletException, IOException {
        TransactionStatus transaction = keyed.transaction();
        try {
            if (!keep) {
                rollback(transaction); // "not now": nothing of this attempt stays, and a retry executes
                settleWithoutEffects(keyed, recorded, false, failure);
                return;
            }
            StoredResponse answer = StoredResponse.of(recorded);
            if (transaction.isRollbackOnly()) {
                // the command failed and rolled back (a refusal thrown, not recorded): no effect to keep it with
                rollback(transaction);
                settle(keyed, answer);
                recorded.copyBodyToResponse();
                return;
            }
            try {
                if (!keys.complete(keyed.subject(), keyed.key(), keyed.owner(), answer)) {
                    rollback(transaction);
                    recorded.reset();
                    problems.keyTakenOver(recorded, keyed.key());
                    recorded.copyBodyToResponse();
                    return;
                }
                transactionManager.commit(transaction);
            } catch (TransactionException | DataAccessException commitFailed) {
                rollback(transaction);
                answerAfterUnknownCommit(keyed, recorded, commitFailed);
                return;
            }
            recorded.copyBodyToResponse();
        } finally {
            rollback(transaction); // never left open on the request's thread, whatever failed above
        }
    }

    /** Rolls the request's own transaction back unless it has ended; a failure to is logged (its connection is gone). */
    private void rollback(TransactionStatus transaction) {
        if (transaction.isCompleted()) {
            return;
        }
        try {
            transactionManager.rollback(transaction);
        } catch (TransactionException e) {
            log.warn("could not roll back the transaction of a keyed request", e);
        }
    }

    /**
     * The command ran in a group that waits for this answer: it is handed over, and sent once the group committed.
     * A group that failed applied nothing, unless its commit's fate was lost, which the stored answer tells.
     */
    private void finishInGroup(KeyedAttempt keyed, ContentCachingResponseWrapper recorded, boolean keep,
                               Throwable failure) throws ServletException, IOException {
        GroupAnswer exchange = keyed.exchange();
        exchange.hand(keep ? StoredResponse.of(recorded) : null);
        switch (exchange.awaitEnd(properties.abandonAfter())) {
            case COMMITTED -> recorded.copyBodyToResponse();
            case FAILED -> {
                if (keep) {
                    answerAfterUnknownCommit(keyed, recorded, null);
                } else {
                    settleWithoutEffects(keyed, recorded, false, failure);
                }
            }
            case STILL_RUNNING -> {
                // the group holds the key's lock until it ends: a retry then replays its answer or takes the key over
                recorded.reset();
                problems.outcomeUnknown(recorded);
                recorded.copyBodyToResponse();
            }
        }
    }

    /**
     * The commit failed (or the group's, logged by the group), perhaps after the database applied it: the stored
     * answer says which. Found, it is the answer; not found, nothing was applied and the key is freed; the store out
     * of reach, the client retries.
     */
    private void answerAfterUnknownCommit(KeyedAttempt keyed, ContentCachingResponseWrapper recorded,
                                          RuntimeException commitFailed) throws IOException {
        if (commitFailed != null) {
            log.warn("the transaction of Idempotency-Key {} of {} failed to commit", keyed.key(), keyed.subject(),
                    commitFailed);
        }
        recorded.reset();
        try {
            // the lost commit may still be in flight: the release waits for it, and frees nothing if it stored the
            // answer, which is then the answer
            if (!keys.release(keyed.subject(), keyed.key(), keyed.owner()) && replayedStoredAnswer(keyed, recorded)) {
                return;
            }
            problems.storeUnavailable(recorded);
        } catch (DataAccessException unreachable) {
            problems.outcomeUnknown(recorded);
        }
        recorded.copyBodyToResponse();
    }

    private boolean replayedStoredAnswer(KeyedAttempt keyed, ContentCachingResponseWrapper recorded)
            throws IOException {
        Optional<KeyEntry> entry = keys.find(keyed.subject(), keyed.key());
        if (entry.isPresent() && entry.get().finished()) {
            entry.get().response().replayTo(recorded);
            recorded.copyBodyToResponse();
            return true;
        }
        return false;
    }

    /** Stores the answer on its own, or releases the key; a failure is logged (a key left claimed is taken over later). */
    private void settle(KeyedAttempt keyed, StoredResponse answer) {
        try {
            if (answer != null) {
                keys.complete(keyed.subject(), keyed.key(), keyed.owner(), answer);
            } else {
                keys.release(keyed.subject(), keyed.key(), keyed.owner());
            }
        } catch (DataAccessException e) {
            log.warn("could not settle Idempotency-Key {} of {}", keyed.key(), keyed.subject(), e);
        }
    }

    private static void rethrow(Throwable failure) throws ServletException, IOException {
        if (failure instanceof ServletException servlet) {
            throw servlet;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) failure;
    }
}
