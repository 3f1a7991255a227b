package io.ledgerflow.servicekit.ratelimit;

import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A rate limit on the API paths (a subclass may take every path: {@link ClientAddressRateLimitFilter}): its own
 * buckets, the limits in force, and how a refusal is written.
 */
abstract class ApiRateLimitFilter extends OncePerRequestFilter {

    protected final RateLimitProperties properties;
    protected final ProblemWriter problems;
    protected final TokenBuckets buckets = new TokenBuckets();

    ApiRateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled() || !RequestPaths.isApi(request);
    }
}
