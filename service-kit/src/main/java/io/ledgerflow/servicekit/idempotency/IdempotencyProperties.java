package io.ledgerflow.servicekit.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param retention     how long a stored response is replayed for its key; after that the key is free again
 * @param waitTimeout   how long a request waits for another one with the same key to finish before it answers 409
 *                      {@code IDEMPOTENCY_KEY_IN_PROGRESS}
 * @param purgeInterval how often expired keys are deleted
 * @param abandonAfter  a key claimed this long ago and still without an answer (its instance died mid-request) may
 *                      be claimed again; must exceed the longest possible request
 * @param maxWaitingPerKey requests of one key that may wait at once in an instance for the one executing; more answer
 *                      409 {@code IDEMPOTENCY_KEY_IN_PROGRESS} at once
 * @param maxWaiting    the same for all keys together
 */
@ConfigurationProperties("ledgerflow.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention,
                                    @DefaultValue("10s") Duration waitTimeout,
                                    @DefaultValue("15m") Duration purgeInterval,
                                    @DefaultValue("5m") Duration abandonAfter,
                                    @DefaultValue("8") int maxWaitingPerKey,
                                    @DefaultValue("64") int maxWaiting) {
}
