package io.ledgerflow.servicekit.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param tokenKey    base64 of at least 32 bytes, the same on the command-service and the query-service; when empty a
 *                    random key is used and only tokens of this very process verify
 * @param waitTimeout how long a query waits for the projection to reflect a token before answering with what it has
 * @param maxWait     the longest wait a request may ask for ({@code consistencyTimeout})
 * @param maxWaiting  how many reads may wait at once: each holds a request thread while it waits, so past this a
 *                    read checks once and answers at once, {@code stale} if the projections are behind
 */
@ConfigurationProperties("ledgerflow.consistency")
public record ConsistencyProperties(@DefaultValue("") String tokenKey,
                                    @DefaultValue("2s") Duration waitTimeout,
                                    @DefaultValue("10s") Duration maxWait,
                                    @DefaultValue("64") int maxWaiting) {

    public ConsistencyProperties {
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("ledgerflow.consistency.max-waiting must be 0 or more: " + maxWaiting);
        }
    }
}
