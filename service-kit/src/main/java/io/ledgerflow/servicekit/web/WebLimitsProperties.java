package io.ledgerflow.servicekit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize       the largest request body accepted; larger ones are 413 before anything parses them
 * @param refusedBodyDrain  how much of a refused body is still read and dropped after the 413, so that a client still
 *                          sending gets the answer; past it the connection is closed, and the client's network
 *                          stack may drop the 413 on the reset
 */
@ConfigurationProperties("ledgerflow.limits")
public record WebLimitsProperties(@DefaultValue("1MB") DataSize maxBodySize,
                                  @DefaultValue("64MB") DataSize refusedBodyDrain) {
}
