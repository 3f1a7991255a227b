package io.ledgerflow.command.audit;

import io.ledgerflow.servicekit.ratelimit.ConcurrentReadLimit;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;

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
class AuditReadLimit extends ConcurrentReadLimit {

    static final String PATH = "/api/v1/audit/";

    AuditReadLimit(int limit, int perCaller, ProblemWriter problems) {
        super(limit, perCaller, problems, "audit requests", "ledgerflow.audit.max-concurrent-requests");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestPaths.of(request).startsWith(PATH);
    }
}
