package io.ledgerflow.servicekit.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * After authentication: 429 {@code RATE_LIMITED} with {@code Retry-After} once a caller's bucket is empty (per
 * subject for a token, per client address without one); {@code RateLimit-*} headers always.
 */
public class RateLimitFilter extends ApiRateLimitFilter {

    public RateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        super(properties, problems);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Caller.current();
        RateLimitProperties.Limit limit = caller.map(this::limitOf).orElse(properties.anonymous());
        String key = caller.map(c -> "sub:" + c.subject()).orElseGet(() -> addressKey(request));
        if (admit(key, limit, response)) {
            chain.doFilter(request, response);
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
