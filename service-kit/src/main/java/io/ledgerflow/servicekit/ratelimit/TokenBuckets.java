package io.ledgerflow.servicekit.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.ledgerflow.servicekit.web.ProblemWriter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.time.Duration;

/** Bucket4j buckets by key, in this instance's memory, and the headers and 429 problem that report on them. */
final class TokenBuckets {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    /** Takes one token from the bucket of {@code key}; the limit is part of the key, so a changed limit gets a fresh bucket. */
    ConsumptionProbe consume(String key, RateLimitProperties.Limit limit) {
        return consume(key, limit, 1);
    }

    /** Takes {@code tokens} tokens at once, or none. */
    ConsumptionProbe consume(String key, RateLimitProperties.Limit limit, long tokens) {
        return buckets.get(key + "|" + limit.capacity() + "/" + limit.perSecond(), k -> newBucket(limit))
                .tryConsumeAndReturnRemaining(tokens);
    }

    static void writeHeaders(HttpServletResponse response, RateLimitProperties.Limit limit, ConsumptionProbe probe) {
        response.setHeader("RateLimit-Limit", String.valueOf(limit.capacity()));
        response.setHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        response.setHeader("RateLimit-Reset", String.valueOf(seconds(probe.getNanosToWaitForReset())));
    }

    static void reject(HttpServletResponse response, ProblemWriter problems, ConsumptionProbe probe) throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds(probe)));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "too many requests; retry after the time given in Retry-After");
    }

    /** Whole seconds until the tokens asked for are there, at least 1. */
    static long retryAfterSeconds(ConsumptionProbe probe) {
        return Math.max(1, seconds(probe.getNanosToWaitForRefill()));
    }

    private static Bucket newBucket(RateLimitProperties.Limit limit) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.capacity())
                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build()).build();
    }

    private static long seconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
