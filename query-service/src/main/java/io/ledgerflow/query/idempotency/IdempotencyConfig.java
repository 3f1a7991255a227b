package io.ledgerflow.query.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.servicekit.idempotency.ExpiredKeysPurge;
import io.ledgerflow.servicekit.idempotency.IdempotencyKeyFilter;
import io.ledgerflow.servicekit.idempotency.IdempotencyOpenApi;
import io.ledgerflow.servicekit.idempotency.IdempotencyProblems;
import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import io.ledgerflow.servicekit.web.ProblemWriter;
import org.slf4j.LoggerFactory;
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

    /** Where it runs: {@link IdempotencyKeyFilter#registered}. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(MongoKeyStore keys, ProblemWriter problems,
                                                                ObjectMapper json, IdempotencyProperties properties) {
        return IdempotencyKeyFilter.registered(
                new IdempotencyFilter(keys, new IdempotencyProblems(problems, json), properties));
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
