package io.ledgerflow.command.audit;

import io.ledgerflow.servicekit.concurrency.BoundedPlaces;
import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many audit requests run at once. The audit API reads the event store through the commands' connection
 * pool (an export a chunk at a time, a chain verification for as long as it runs): without a bound, a few large
 * reads would take every connection and stop the writes. One more answers 503 with {@code Retry-After} at once, and
 * the commands keep the rest of the pool.
 * <p>
 * One caller (token subject) holds at most {@code perCaller} of the places; one more of its requests answers 429. An
 * export whose client stops reading keeps its place until the server's write timeout ends it, so without this one
 * auditor could keep every other out with a few stalled exports a minute.
 */
class AuditReadLimit extends OncePerRequestFilter {

    static final String PATH = "/api/v1/audit/";

    private final Semaphore running;
    private final int limit;
    private final BoundedPlaces<String> callers;
    private final ProblemWriter problems;

    AuditReadLimit(int limit, int perCaller, ProblemWriter problems) {
        this.running = new Semaphore(limit);
        this.limit = limit;
        this.callers = new BoundedPlaces<>(perCaller, Integer.MAX_VALUE);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestPaths.of(request).startsWith(PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = Caller.current().map(Caller::subject).orElse("");
        if (!callers.tryTake(caller)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "You have " + callers.perKey()
                    + " audit requests running already (ledgerflow.audit.max-concurrent-requests-per-caller); "
                    + "retry once one has ended");
            return;
        }
        try {
            if (!running.tryAcquire()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", limit
                        + " audit requests are running already (ledgerflow.audit.max-concurrent-requests); retry later");
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                running.release();
            }
        } finally {
            callers.give(caller);
        }
    }
}
