package io.ledgerflow.servicekit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxBodySize the largest request body accepted; larger ones are 413 before anything parses them */
@ConfigurationProperties("ledgerflow.limits")
public record WebLimitsProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
