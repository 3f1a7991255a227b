package io.ledgerflow.servicekit.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * The work a batch carries, counted against its caller: one token per transfer from the caller's batch bucket
 * ({@link RateLimitProperties#batchTransfers()}), taken once the body is read and before anything runs. Without it
 * a caller's request limit bounds batches, not transfers: a client at its 50 requests a second could send 50,000
 * transfers a second in batches of 1,000, many times what a service applies, and starve every other caller.
 * <p>
 * A batch larger than the bucket's capacity takes the whole bucket when it is full, so no configured capacity can
 * make a valid batch impossible.
 */
public class BatchTransferLimits {

    private final RateLimitProperties properties;
    private final TokenBuckets buckets = new TokenBuckets();

    public BatchTransferLimits(RateLimitProperties properties) {
        this.properties = properties;
    }

    /**
     * Takes {@code transfers} tokens from the current caller's batch bucket.
     *
     * @throws ApiProblem 429 {@code RATE_LIMITED} with {@code Retry-After} when the bucket holds fewer
     */
    public void take(int transfers) {
        if (!properties.enabled()) {
            return;
        }
        Caller caller = Caller.current().orElseThrow(() -> new IllegalStateException("a batch needs a caller"));
        RateLimitProperties.Limit limit = limitOf(caller);
        long tokens = Math.min(transfers, limit.capacity());
        ConsumptionProbe probe = buckets.consume("batch:sub:" + caller.subject(), limit, tokens);
        if (!probe.isConsumed()) {
            throw new BatchLimitReached(transfers, TokenBuckets.retryAfterSeconds(probe));
        }
    }

    private RateLimitProperties.Limit limitOf(Caller caller) {
        Map<String, RateLimitProperties.Limit> limits = properties.batchTransfers();
        return RateLimitProperties.Limit.mostGenerous(limits, caller.roles(), limits.get("client"));
    }

    /** 429 for a batch whose transfers the caller's batch bucket cannot take now; nothing of it ran. */
    static final class BatchLimitReached extends ApiProblem {

        private final long retryAfterSeconds;

        BatchLimitReached(int transfers, long retryAfterSeconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "too many transfers in batches: this batch's "
                    + transfers + " exceed what your batch limit allows now; retry after the time given in Retry-After");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", String.valueOf(retryAfterSeconds));
        }
    }
}
