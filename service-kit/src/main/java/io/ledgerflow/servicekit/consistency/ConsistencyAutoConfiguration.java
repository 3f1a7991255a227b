package io.ledgerflow.servicekit.consistency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.security.SecureRandom;
import java.util.Base64;

/** The consistency token codec both services share (see {@link ConsistencyTokens}). */
@AutoConfiguration
@EnableConfigurationProperties(ConsistencyProperties.class)
public class ConsistencyAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsistencyAutoConfiguration.class);

    @Bean
    ConsistencyTokens consistencyTokens(ConsistencyProperties properties) {
        if (properties.tokenKey().isBlank()) {
            LOG.warn("ledgerflow.consistency.token-key (LEDGERFLOW_CONSISTENCY_KEY) is not set: consistency tokens are "
                    + "signed with a random key, and the other service will refuse them; set the same key on both");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return new ConsistencyTokens(key);
        }
        return new ConsistencyTokens(Base64.getDecoder().decode(properties.tokenKey().trim()));
    }
}
