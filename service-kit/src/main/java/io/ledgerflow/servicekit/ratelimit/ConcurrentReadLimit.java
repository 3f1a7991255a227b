package io.ledgerflow.servicekit.ratelimit;

import io.ledgerflow.servicekit.concurrency.BoundedPlaces;
import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.ProblemWriter;
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
 * Bounds how many costly reads run at once, where a request limit does not: a burst well within a caller's rate
 * can start reads that each take a database's attention for a long time, and with enough of them everyone waits. One
 * caller (token subject) holds at most {@code perCaller} places, one more of its reads answers 429 at once; all
 * callers together hold at most {@code limit}, one more answers 503 at once. Both with {@code Retry-After: 1}.
 * Registered after the security chain, so only authenticated callers take a place.
 */
public abstract class ConcurrentReadLimit extends OncePerRequestFilter {

    private final Semaphore running;
    private final int limit;
    private final BoundedPlaces<String> callers;
    private final ProblemWriter problems;
    private final String reads;
    private final String property;

    /**
     * @param reads what is counted, as the answers name it ("audit requests")
     * @param property the setting of {@code limit}; its per-caller setting is the same with {@code -per-caller}
     */
    protected ConcurrentReadLimit(int limit, int perCaller, ProblemWriter problems, String reads, String property) {
        if (limit < 1 || perCaller < 1) {
            throw new IllegalArgumentException(property + " and " + property + "-per-caller must be at least 1, not "
                    + limit + " and " + perCaller);
        }
        this.running = new Semaphore(limit);
        this.limit = limit;
        this.callers = new BoundedPlaces<>(perCaller, Integer.MAX_VALUE);
        this.problems = problems;
        this.reads = reads;
        this.property = property;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = Caller.current().map(Caller::subject).orElse("");
        if (!callers.tryTake(caller)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "You have " + callers.perKey()
                    + " " + reads + " running already (" + property + "-per-caller); retry once one has ended");
            return;
        }
        try {
            if (!running.tryAcquire()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", limit + " " + reads
                        + " are running already (" + property + "); retry later");
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
