package io.ledgerflow.servicekit.idempotency;

import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.filter.OncePerRequestFilter;

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
 * Runs after the security chain, so keys belong to the authenticated caller and rate limits apply first. How a claimed
 * request executes and how its answer is stored is the service's ({@link #execute}).
 */
public abstract class IdempotencyKeyFilter extends OncePerRequestFilter {

    private static final long POLL_MILLIS = 25;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyFilter.class);

    private final KeyStore keys;
    private final IdempotencyProblems problems;
    private final IdempotencyProperties properties;
    private final KeysInThisInstance here;

    protected IdempotencyKeyFilter(KeyStore keys, IdempotencyProblems problems, IdempotencyProperties properties) {
        this.keys = keys;
        this.problems = problems;
        this.properties = properties;
        this.here = new KeysInThisInstance(properties.maxWaitingPerKey(), properties.maxWaiting());
    }

    /**
     * The filter's place: right after Spring Security's chain (authentication, then the per-caller rate limit), so
     * that the key is scoped to the token's subject, and a request refused as 401, 403 or 429 never touches a key.
     */
    public static <F extends IdempotencyKeyFilter> FilterRegistrationBean<F> registered(F filter) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** A request with a key, identified by its caller, the key and a hash of the request ({@link RequestFingerprint}). */
    protected record Attempt(String subject, String key, byte[] hash) {
        KeysInThisInstance.KeyId id() {
            return new KeysInThisInstance.KeyId(subject, key);
        }
    }

    /** Runs the claimed request and stores its answer, or frees the key when the answer is not worth keeping. */
    protected abstract void execute(Attempt attempt, UUID owner, HttpServletRequest request,
                                    HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException;

    /** True when the store could not be reached, so that nothing executes and the caller may retry. */
    protected abstract boolean isStoreFailure(RuntimeException e);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean keyable = "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod());
        return !keyable || !RequestPaths.isApi(request) || request.getHeader(IdempotencyKeyHeader.HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> values = Collections.list(request.getHeaders(IdempotencyKeyHeader.HEADER));
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
        } catch (RuntimeException e) {
            if (!isStoreFailure(e)) {
                throw e;
            }
            log.warn("idempotency store unavailable", e);
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
                if (entry.isEmpty() && System.nanoTime() <= deadline) {
                    continue; // released or expired since the claim failed: claim again
                }
                if (entry.isEmpty()) {
                    problems.keyInProgress(response, attempt.key(), properties.waitTimeout());
                    return Optional.empty(); // a store that keeps refusing the claim and showing no key
                }
                if (!MessageDigest.isEqual(entry.get().requestHash(), attempt.hash())) {
                    problems.keyReused(response, attempt.key());
                    return Optional.empty();
                }
                if (entry.get().finished()) {
                    entry.get().response().replayTo(response);
                    return Optional.empty();
                }
                // a request executing here is alive, even in a moment when the store cannot tell
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

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a request with the same key", e);
        }
    }
}
