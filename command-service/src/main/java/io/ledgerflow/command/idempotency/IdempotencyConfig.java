package io.ledgerflow.command.idempotency;

import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import io.ledgerflow.servicekit.idempotency.ExpiredKeysPurge;
import io.ledgerflow.servicekit.idempotency.IdempotencyKeyFilter;
import io.ledgerflow.servicekit.idempotency.IdempotencyOpenApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.command.web.GroupedKeys;
import io.ledgerflow.servicekit.web.ProblemWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfig {

    @Bean
    IdempotencyKeys idempotencyKeys(JdbcTemplate jdbc, ObjectMapper json, IdempotencyProperties properties) {
        return new IdempotencyKeys(jdbc, json, properties);
    }

    /** Where it runs: {@link IdempotencyKeyFilter#registered}. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, ProblemWriter problems,
                                                                ObjectMapper json, IdempotencyProperties properties,
                                                                PlatformTransactionManager transactionManager) {
        return IdempotencyKeyFilter.registered(
                new IdempotencyFilter(keys, new IdempotencyProblems(problems, json), properties, transactionManager));
    }

    @Bean
    GroupedKeys groupedKeys(IdempotencyKeys keys) {
        return new GroupedKeyStore(keys);
    }

    @Bean
    ExpiredKeysPurge expiredKeysPurge(IdempotencyKeys keys, IdempotencyProperties properties) {
        return new ExpiredKeysPurge(keys::purgeExpired, properties);
    }

    @Bean
    IdempotencyOpenApi idempotencyOpenApi() {
        return new IdempotencyOpenApi();
    }
}
