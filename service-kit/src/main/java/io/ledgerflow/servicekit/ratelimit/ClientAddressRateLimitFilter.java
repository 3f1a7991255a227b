package io.ledgerflow.servicekit.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.ledgerflow.servicekit.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Before authentication: every API request from a client address takes a token from that address's bucket,
 * whatever its token is worth. A request with an invalid token is answered 401 by the authentication filter
 * and never reaches {@link RateLimitFilter}; without this one, a flood of garbage tokens would never be limited.
 */
public class ClientAddressRateLimitFilter extends ApiRateLimitFilter {

    public ClientAddressRateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        super(properties, problems);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimitProperties.Limit limit = properties.perAddress();
        ConsumptionProbe probe = buckets.consume("addr:" + ClientAddress.of(request, properties.trustedProxies()), limit);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        TokenBuckets.writeHeaders(response, limit, probe);
        TokenBuckets.reject(response, problems, probe);
    }
}
