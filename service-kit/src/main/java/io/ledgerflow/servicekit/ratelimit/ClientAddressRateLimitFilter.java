package io.ledgerflow.servicekit.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Before authentication: every API request from a client address takes a token from that address's bucket,
 * whatever its token is worth. A request with an invalid token is answered 401 by the authentication filter
 * and never reaches {@link RateLimitFilter}; without this one, a flood of garbage tokens would never be limited.
 * Every other path (health checks, metrics, the API description, static pages) takes one from the address's bucket
 * outside the API, a separate one, so that neither kind of traffic can use up the other's.
 */
public class ClientAddressRateLimitFilter extends ApiRateLimitFilter {

    public ClientAddressRateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        super(properties, problems);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean api = RequestPaths.isApi(request);
        RateLimitProperties.Limit limit = api ? properties.perAddress() : properties.outsideApi();
        String address = ClientAddress.of(request, properties.trustedProxies());
        ConsumptionProbe probe = buckets.consume((api ? "addr:" : "outside-api:") + address, limit);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        TokenBuckets.writeHeaders(response, limit, probe);
        TokenBuckets.reject(response, problems, probe);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled();
    }
}
