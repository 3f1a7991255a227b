package io.ledgerflow.query.web;

import io.ledgerflow.servicekit.ratelimit.ConcurrentReadLimit;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bounds how many lists, statements and dashboards run at once: each is a query over many documents, where a read
 * by id is one lookup. A client sent 40 transfer lists at once, a single burst well within its rate, and every other
 * caller's reads waited for seconds, the health check included (a probe's finding). Reads by id are not counted.
 */
class ListReadLimit extends ConcurrentReadLimit {

    static final String PROPERTY = "ledgerflow.reads.max-concurrent-lists";

    private static final Set<String> LISTS = Set.of("/api/v1/accounts", "/api/v1/transfers",
            "/api/v1/dashboard/totals", "/api/v1/dashboard/volume", "/api/v1/admin/dead-letters");
    private static final Pattern STATEMENT = Pattern.compile("/api/v1/accounts/[^/]+/entries");

    ListReadLimit(int limit, int perCaller, ProblemWriter problems) {
        super(limit, perCaller, problems, "lists, statements or dashboards", PROPERTY);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return true;
        }
        String path = RequestPaths.of(request);
        return !LISTS.contains(path) && !STATEMENT.matcher(path).matches();
    }
}
