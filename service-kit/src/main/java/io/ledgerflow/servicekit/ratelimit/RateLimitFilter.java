package io.ledgerflow.servicekit.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.ledgerflow.servicekit.concurrency.BoundedPlaces;
import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.util.Optional;

/**
 * After authentication: 429 {@code RATE_LIMITED} with {@code Retry-After} once a caller's bucket is empty (per
 * subject for a token, per client address without one); {@code RateLimit-*} headers always. Also bounds the requests
 * with a body one caller runs at once, whatever addresses they come from ({@link SlowClientsFilter} bounds them per
 * address, before the token is known): from two addresses, one caller sending bodies slowly held every place of all
 * addresses together, and every other caller's commands were answered 503.
 */
public class RateLimitFilter extends ApiRateLimitFilter {

    private final BoundedPlaces<String> runningWithBody;

    public RateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        super(properties, problems);
        this.runningWithBody = new BoundedPlaces<>(properties.concurrentPerCaller(), Integer.MAX_VALUE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Caller.current();
        RateLimitProperties.Limit limit = caller.map(this::limitOf).orElse(properties.anonymous());
        String key = caller.map(c -> "sub:" + c.subject()).orElseGet(() -> addressKey(request));
        if (!admit(key, limit, response)) {
            return;
        }
        if (caller.isEmpty() || !SlowClientsFilter.commandWithBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!runningWithBody.tryTake(key)) {
            // its body is not read: SlowClientsFilter drains it, or closes the connection after this answer
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                    "too many of your requests with a body are running at once; wait for one to end");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            runningWithBody.give(key);
        }
    }

    /**
     * For a request whose token was refused before this filter could run: takes one token of its address's
     * anonymous bucket and writes the headers; false, with the 429 written, when the bucket is empty.
     */
    public boolean admitAnonymous(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (shouldNotFilter(request)) {
            return true;
        }
        return admit(addressKey(request), properties.anonymous(), response);
    }

    /** Takes one token of the key's bucket and writes the headers; false, with the 429 written, when it is empty. */
    private boolean admit(String key, RateLimitProperties.Limit limit, HttpServletResponse response) throws IOException {
        ConsumptionProbe probe = buckets.consume(key, limit);
        TokenBuckets.writeHeaders(response, limit, probe);
        if (!probe.isConsumed()) {
            TokenBuckets.reject(response, problems, probe);
        }
        return probe.isConsumed();
    }

    private String addressKey(HttpServletRequest request) {
        return "ip:" + ClientAddress.of(request, properties.trustedProxies());
    }

    private RateLimitProperties.Limit limitOf(Caller caller) {
        return RateLimitProperties.Limit.mostGenerous(properties.roles(), caller.roles(), properties.anonymous());
    }
}
