package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.web.GroupAnswer;
import io.ledgerflow.command.web.KeyedRequest;
import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} on every POST under {@code /api/}: the first request with a key executes and its answer is
 * stored; a repeat of the same request gets that answer again ({@code Idempotent-Replayed: true}); a different
 * request under the key is 422; a repeat while the first still runs waits for it, then 409 if it takes too long.
 * Runs after the security chain, so keys belong to the authenticated caller and rate limits apply first.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final long POLL_MILLIS = 25;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyKeys keys;
    private final IdempotencyProblems problems;
    private final IdempotencyProperties properties;
    private final PlatformTransactionManager transactionManager;

    IdempotencyFilter(IdempotencyKeys keys, IdempotencyProblems problems, IdempotencyProperties properties,
                      PlatformTransactionManager transactionManager) {
        this.keys = keys;
        this.problems = problems;
        this.properties = properties;
        this.transactionManager = transactionManager;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !RequestPaths.isApi(request)
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> values = Collections.list(request.getHeaders(HEADER));
        Optional<String> invalid = IdempotencyKeyHeader.problemWith(values);
        if (invalid.isPresent()) {
            problems.invalidKey(response, invalid.get());
            return;
        }
        Optional<Caller> caller = Caller.current();
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        HttpServletRequest buffered = new BufferedBodyRequest(request, body);
        Attempt attempt = new Attempt(caller.get().subject(), values.get(0), RequestFingerprint.of(request, body));
        Optional<UUID> owner;
        try {
            owner = claimOrAnswer(attempt, response);
        } catch (DataAccessException unavailable) {
            log.warn("idempotency store unavailable", unavailable);
            problems.storeUnavailable(response);
            return;
        }
        if (owner.isPresent()) {
            execute(attempt, owner.get(), buffered, response, chain);
        }
    }

    /** The claim when this request may execute; otherwise the answer (replay, 422 or 409) is written here. */
    private Optional<UUID> claimOrAnswer(Attempt attempt, HttpServletResponse response) throws IOException {
        long deadline = System.nanoTime() + properties.waitTimeout().toNanos();
        while (true) {
            Optional<UUID> owner = keys.claim(attempt.subject(), attempt.key(), attempt.hash());
            if (owner.isPresent()) {
                return owner;
            }
            Optional<KeyEntry> entry = keys.find(attempt.subject(), attempt.key());
            if (entry.isEmpty()) {
                continue; // released or expired since the claim failed: claim again
            }
            if (!MessageDigest.isEqual(entry.get().requestHash(), attempt.hash())) {
                problems.keyReused(response, attempt.key());
                return Optional.empty();
            }
            if (entry.get().finished()) {
                entry.get().response().replayTo(response);
                return Optional.empty();
            }
            Optional<UUID> orphaned = keys.takeOverIfOrphaned(attempt.subject(), attempt.key(), attempt.hash());
            if (orphaned.isPresent()) {
                log.info("Idempotency-Key {} of {} was left without an answer by a request that no longer runs;"
                        + " this one executes", attempt.key(), attempt.subject());
                return orphaned;
            }
            if (System.nanoTime() > deadline) {
                problems.keyInProgress(response, attempt.key(), properties.waitTimeout());
                return Optional.empty();
            }
            pause();
        }
    }

    /**
     * Runs the request with its claim bound to the thread ({@link KeyedAttempt}), so that its command runs where its
     * answer is stored in the same transaction: the events and the answer commit together or not at all, so a crash
     * or a lost connection can never leave an applied command without its answer (whose retry would run the command
     * again: a post already posted, an account frozen twice). That transaction is either a group's, which the command
     * joined and which stores the answer rendered here before it commits, or the request's own, begun at its first
     * command and ended here. Storing the answer is also the check that this request still holds the key: one that
     * held it so long that another took it over rolls back instead.
     * <p>
     * Either transaction holds the key's advisory lock from its first statement, so a retry can tell a request still
     * running from one whose transaction ended without an answer (a commit lost with its connection, an instance
     * killed) and take the key over at once, instead of after abandon-after.
     */
    private void execute(Attempt attempt, UUID owner, HttpServletRequest request, HttpServletResponse response,
                         FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        KeyedAttempt keyed = new KeyedAttempt(keys, transactionManager, attempt.subject(), attempt.key(), owner);
        Throwable failure = null;
        try (KeyedRequest.Scope bound = KeyedRequest.bind(keyed)) {
            chain.doFilter(request, recorded);
        } catch (ServletException | IOException | RuntimeException | Error e) {
            failure = e;
        }
        switch (keyed.where()) {
            case NOWHERE -> settleWithoutEffects(attempt, owner, recorded, failure);
            case OWN_TRANSACTION -> finishOwnTransaction(attempt, owner, keyed.transaction(), recorded, failure);
            case IN_GROUP -> finishInGroup(attempt, owner, keyed.exchange(), recorded, failure);
            case TAKEN_OVER -> {
                recorded.reset();
                problems.keyTakenOver(response, attempt.key());
            }
        }
    }

    /** No command ran: the answer is stored on its own if it is worth keeping, else the key is freed. */
    private void settleWithoutEffects(Attempt attempt, UUID owner, ContentCachingResponseWrapper recorded,
                                      Throwable failure) throws ServletException, IOException {
        if (failure != null || !worthKeeping(recorded)) {
            settle(attempt, owner, null);
            if (failure != null) {
                rethrow(failure);
            }
        } else {
            settle(attempt, owner, StoredResponse.of(recorded));
        }
        recorded.copyBodyToResponse();
    }

    private void finishOwnTransaction(Attempt attempt, UUID owner, TransactionStatus transaction,
                                      ContentCachingResponseWrapper recorded, Throwable failure)
            throws ServletException, IOException {
        try {
            if (failure != null || !worthKeeping(recorded)) {
                transactionManager.rollback(transaction); // "not now": nothing of this attempt stays, a retry executes
                settleWithoutEffects(attempt, owner, recorded, failure);
                return;
            }
            StoredResponse answer = StoredResponse.of(recorded);
            if (transaction.isRollbackOnly()) {
                // the command failed and rolled back (a refusal thrown, not recorded): no effect to keep it with
                transactionManager.rollback(transaction);
                settle(attempt, owner, answer);
                recorded.copyBodyToResponse();
                return;
            }
            if (!keys.complete(attempt.subject(), attempt.key(), owner, answer)) {
                transactionManager.rollback(transaction);
                recorded.reset();
                problems.keyTakenOver(recorded, attempt.key());
                recorded.copyBodyToResponse();
                return;
            }
            transactionManager.commit(transaction);
            recorded.copyBodyToResponse();
        } catch (TransactionException | DataAccessException commitFailed) {
            if (!transaction.isCompleted()) {
                transactionManager.rollback(transaction);
            }
            answerAfterUnknownCommit(attempt, owner, recorded, commitFailed);
        } finally {
            if (!transaction.isCompleted()) {
                transactionManager.rollback(transaction);
            }
        }
    }

    /**
     * The command ran in a group that waits for this answer: it is handed over, and sent once the group committed.
     * A group that failed applied nothing, unless its commit's fate was lost, which the stored answer tells.
     */
    private void finishInGroup(Attempt attempt, UUID owner, GroupAnswer exchange,
                               ContentCachingResponseWrapper recorded, Throwable failure)
            throws ServletException, IOException {
        boolean keep = failure == null && worthKeeping(recorded);
        exchange.hand(keep ? StoredResponse.of(recorded) : null);
        switch (exchange.awaitEnd(properties.abandonAfter())) {
            case COMMITTED -> recorded.copyBodyToResponse();
            case FAILED -> {
                if (keep) {
                    answerAfterUnknownCommit(attempt, owner, recorded, null);
                } else {
                    settleWithoutEffects(attempt, owner, recorded, failure);
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

    /** An error sent with sendError gets its body from the container's error page, which the wrapper never sees. */
    private static boolean worthKeeping(ContentCachingResponseWrapper recorded) {
        return StoredResponse.worthKeeping(recorded.getStatus())
                && (recorded.getStatus() < 400 || recorded.getContentSize() > 0);
    }

    /**
     * The commit failed (or the group's, logged by the group), perhaps after the database applied it: the stored
     * answer says which. Found, it is the
     * answer; not found, nothing was applied and the key is freed; the store out of reach, the client retries.
     */
    private void answerAfterUnknownCommit(Attempt attempt, UUID owner, ContentCachingResponseWrapper recorded,
                                          RuntimeException commitFailed) throws IOException {
        if (commitFailed != null) {
            log.warn("the transaction of Idempotency-Key {} of {} failed to commit", attempt.key(), attempt.subject(),
                    commitFailed);
        }
        recorded.reset();
        try {
            Optional<KeyEntry> entry = keys.find(attempt.subject(), attempt.key());
            if (entry.isPresent() && entry.get().finished()) {
                entry.get().response().replayTo(recorded);
                recorded.copyBodyToResponse();
                return;
            }
            keys.release(attempt.subject(), attempt.key(), owner);
            problems.storeUnavailable(recorded);
        } catch (DataAccessException unreachable) {
            problems.outcomeUnknown(recorded);
        }
        recorded.copyBodyToResponse();
    }

    /** Stores the answer on its own, or releases the key; a failure is logged (a key left claimed is taken over later). */
    private void settle(Attempt attempt, UUID owner, StoredResponse answer) {
        try {
            if (answer != null) {
                keys.complete(attempt.subject(), attempt.key(), owner, answer);
            } else {
                keys.release(attempt.subject(), attempt.key(), owner);
            }
        } catch (DataAccessException e) {
            log.warn("could not settle Idempotency-Key {} of {}", attempt.key(), attempt.subject(), e);
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

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a request with the same key", e);
        }
    }

    private record Attempt(String subject, String key, byte[] hash) {
    }
}
