package io.ledgerflow.servicekit.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/** 429 {@code RATE_LIMITED} with {@code Retry-After} once a caller's bucket is empty; {@code RateLimit-*} headers always. */
public class RateLimitFilter extends OncePerRequestFilter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimitProperties properties;
    private final ProblemWriter problems;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    public RateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !properties.enabled() || !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Caller.current();
        RateLimitProperties.Limit limit = caller.map(this::limitOf).orElse(properties.anonymous());
        String key = caller.map(c -> "sub:" + c.subject()).orElse("ip:" + request.getRemoteAddr())
                + "|" + limit.capacity() + "/" + limit.perSecond();
        Bucket bucket = buckets.get(key, k -> newBucket(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        response.setHeader("RateLimit-Limit", String.valueOf(limit.capacity()));
        response.setHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        response.setHeader("RateLimit-Reset", String.valueOf(seconds(probe.getNanosToWaitForReset())));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", String.valueOf(Math.max(1, seconds(probe.getNanosToWaitForRefill()))));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "too many requests; retry after the time given in Retry-After");
    }

    private RateLimitProperties.Limit limitOf(Caller caller) {
        return caller.roles().stream().map(properties.roles()::get).filter(l -> l != null)
                .max(Comparator.comparingLong(RateLimitProperties.Limit::capacity))
                .orElse(properties.anonymous());
    }

    private static Bucket newBucket(RateLimitProperties.Limit limit) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.capacity())
                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build()).build();
    }

    private static long seconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
