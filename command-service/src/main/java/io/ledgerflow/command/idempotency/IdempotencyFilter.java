package io.ledgerflow.command.idempotency;

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
    private final KeyedRequestEnd ends;
    private final KeysInThisInstance here;

    IdempotencyFilter(IdempotencyKeys keys, IdempotencyProblems problems, IdempotencyProperties properties,
                      PlatformTransactionManager transactionManager) {
        this.keys = keys;
        this.problems = problems;
        this.properties = properties;
        this.transactionManager = transactionManager;
        this.ends = new KeyedRequestEnd(keys, problems, properties, transactionManager);
        this.here = new KeysInThisInstance(properties.maxWaitingPerKey(), properties.maxWaiting());
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
            here.executing(attempt.id());
            try {
                execute(attempt, owner.get(), buffered, response, chain);
            } finally {
                here.finished(attempt.id());
            }
        }
    }

    /**
     * The claim when this request may execute; otherwise the answer (replay, 422 or 409) is written here. A request
     * waiting for another with its key counts as waiting in this instance ({@link KeysInThisInstance}) until then.
     */
    private Optional<UUID> claimOrAnswer(Attempt attempt, HttpServletResponse response) throws IOException {
        long deadline = System.nanoTime() + properties.waitTimeout().toNanos();
        boolean waiting = false;
        try {
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
                // a request executing here is alive, even in the moment between its group and its running alone
                Optional<UUID> orphaned = here.isExecuting(attempt.id()) ? Optional.empty()
                        : keys.takeOverIfOrphaned(attempt.subject(), attempt.key(), attempt.hash());
                if (orphaned.isPresent()) {
                    log.info("Idempotency-Key {} of {} was left without an answer by a request that no longer runs;"
                            + " this one executes", attempt.key(), attempt.subject());
                    return orphaned;
                }
                if (System.nanoTime() > deadline) {
                    problems.keyInProgress(response, attempt.key(), properties.waitTimeout());
                    return Optional.empty();
                }
                if (!waiting) {
                    if (!here.startWaiting(attempt.id())) {
                        problems.tooManyWaiting(response, attempt.key());
                        return Optional.empty();
                    }
                    waiting = true;
                }
                pause();
            }
        } finally {
            if (waiting) {
                here.stopWaiting(attempt.id());
            }
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
        ends.end(keyed, response, recorded, failure);
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
        KeysInThisInstance.KeyId id() {
            return new KeysInThisInstance.KeyId(subject, key);
        }
    }
}
