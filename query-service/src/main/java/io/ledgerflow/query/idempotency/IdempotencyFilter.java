package io.ledgerflow.query.idempotency;

import com.mongodb.MongoException;
import io.ledgerflow.servicekit.idempotency.IdempotencyKeyFilter;
import io.ledgerflow.servicekit.idempotency.IdempotencyProblems;
import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import io.ledgerflow.servicekit.idempotency.StoredResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.UUID;

/**
 * The query-service's {@link IdempotencyKeyFilter}: keys in MongoDB. Its POSTs (the admin actions) change no ledger
 * state and run in no transaction, so the answer is stored right after the action: if MongoDB fails between the two,
 * the key stays claimed without an answer, repeats wait and get 409 until abandon-after, and then one executes again.
 */
class IdempotencyFilter extends IdempotencyKeyFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final MongoKeyStore keys;

    IdempotencyFilter(MongoKeyStore keys, IdempotencyProblems problems, IdempotencyProperties properties) {
        super(keys, problems, properties);
        this.keys = keys;
    }

    @Override
    protected boolean isStoreFailure(RuntimeException e) {
        return e instanceof MongoException;
    }

    @Override
    protected void execute(Attempt attempt, UUID owner, HttpServletRequest request, HttpServletResponse response,
                           FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
        } catch (ServletException | IOException | RuntimeException | Error e) {
            settle(attempt, owner, null);
            throw e;
        }
        settle(attempt, owner, StoredResponse.worthKeeping(request, recorded) ? StoredResponse.of(recorded) : null);
        recorded.copyBodyToResponse();
    }

    /** Stores a final answer, or frees the key (no answer, one that says "not now", one no action produced). */
    private void settle(Attempt attempt, UUID owner, StoredResponse answer) {
        try {
            if (answer == null) {
                keys.release(attempt.subject(), attempt.key(), owner);
            } else if (!keys.complete(attempt.subject(), attempt.key(), owner, answer)) {
                log.warn("Idempotency-Key {} of {} was taken over while its request ran (longer than abandon-after);"
                        + " its answer is not stored", attempt.key(), attempt.subject());
            }
        } catch (MongoException e) {
            log.warn("could not settle Idempotency-Key {} of {}: repeats get 409 until abandon-after, then one"
                    + " executes again", attempt.key(), attempt.subject(), e);
        }
    }
}
