package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.web.KeyedRequest;
import io.ledgerflow.servicekit.idempotency.IdempotencyKeyFilter;
import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.UUID;

/**
 * The command-service's {@link IdempotencyKeyFilter}: keys in PostgreSQL, each answer stored in the transaction of
 * the command it answers.
 */
class IdempotencyFilter extends IdempotencyKeyFilter {

    private final IdempotencyKeys keys;
    private final PlatformTransactionManager transactionManager;
    private final KeyedRequestEnd ends;

    IdempotencyFilter(IdempotencyKeys keys, IdempotencyProblems problems, IdempotencyProperties properties,
                      PlatformTransactionManager transactionManager) {
        super(keys, problems, properties);
        this.keys = keys;
        this.transactionManager = transactionManager;
        this.ends = new KeyedRequestEnd(keys, problems, properties, transactionManager);
    }

    @Override
    protected boolean isStoreFailure(RuntimeException e) {
        return e instanceof DataAccessException;
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
    @Override
    protected void execute(Attempt attempt, UUID owner, HttpServletRequest request, HttpServletResponse response,
                           FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        KeyedAttempt keyed = new KeyedAttempt(keys, transactionManager, attempt.subject(), attempt.key(), owner);
        Throwable failure = null;
        try (KeyedRequest.Scope bound = KeyedRequest.bind(keyed)) {
            chain.doFilter(request, recorded);
        } catch (ServletException | IOException | RuntimeException | Error e) {
            failure = e;
        }
        ends.end(keyed, request, response, recorded, failure);
    }
}
