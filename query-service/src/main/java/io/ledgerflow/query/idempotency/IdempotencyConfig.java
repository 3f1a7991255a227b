package io.ledgerflow.query.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.servicekit.idempotency.ExpiredKeysPurge;
import io.ledgerflow.servicekit.idempotency.IdempotencyOpenApi;
import io.ledgerflow.servicekit.idempotency.IdempotencyProblems;
import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import io.ledgerflow.servicekit.web.ProblemWriter;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfig {

    @Bean
    MongoKeyStore mongoKeyStore(MongoDatabase database, IdempotencyProperties properties) {
        MongoKeyStore keys = new MongoKeyStore(database.getCollection(MongoKeyStore.COLLECTION), properties,
                Clock.systemUTC());
        try {
            keys.createIndexes();
        } catch (MongoException e) {
            LoggerFactory.getLogger(IdempotencyConfig.class).warn("Could not create the idempotency keys' index, it "
                    + "will be created at the next start: {}", e.getMessage());
        }
        return keys;
    }

    /**
     * Right after Spring Security's chain (authentication, then the per-caller rate limit): the key is scoped to
     * the token's subject, and a request refused as 401, 403 or 429 never touches a key.
     */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(MongoKeyStore keys, ProblemWriter problems,
                                                                ObjectMapper json, IdempotencyProperties properties) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(keys, new IdempotencyProblems(problems, json), properties));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    ExpiredKeysPurge expiredKeysPurge(MongoKeyStore keys, IdempotencyProperties properties) {
        return new ExpiredKeysPurge(keys::purgeExpired, properties);
    }

    @Bean
    IdempotencyOpenApi idempotencyOpenApi() {
        return new IdempotencyOpenApi();
    }
}
