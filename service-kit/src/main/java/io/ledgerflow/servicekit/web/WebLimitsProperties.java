package io.ledgerflow.servicekit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param maxBodySize       the largest request body accepted; larger ones are 413 before anything parses them
 * @param refusedBodyDrain  how much of a body the answer did not need (a refusal before it was read: 401, 413, …)
 *                          is still read and dropped, so that a client still sending gets the answer; past it the
 *                          connection is closed, and the client's network stack may drop the answer on the reset
 * @param refusedBodyDrainTime how long such a body is read and dropped whatever its pace; after that only while it
 *                          keeps coming at 64 KiB a second on average, so that a client trickling it holds a request
 *                          thread no longer
 * @param bodyReadTimeout   how long after its headers a request's body must have arrived; a read past it is 408
 * @param refusedBodyDrains how many such bodies are drained at once, from all client addresses together: a drain
 *                          holds a request thread, and a body that stops coming holds it until the read timeout
 *                          ends the read. Past it, a refused body's connection is closed after the answer
 * @param refusedBodyDrainsPerAddress of those, how many for one client address
 */
@ConfigurationProperties("ledgerflow.limits")
public record WebLimitsProperties(@DefaultValue("1MB") DataSize maxBodySize,
                                  @DefaultValue("64MB") DataSize refusedBodyDrain,
                                  @DefaultValue("2s") Duration refusedBodyDrainTime,
                                  @DefaultValue("10s") Duration bodyReadTimeout,
                                  @DefaultValue("16") int refusedBodyDrains,
                                  @DefaultValue("4") int refusedBodyDrainsPerAddress) {
}
