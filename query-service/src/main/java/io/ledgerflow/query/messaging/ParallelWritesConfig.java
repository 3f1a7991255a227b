package io.ledgerflow.query.messaging;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ParallelWritesConfig {

    @Bean(destroyMethod = "close")
    ParallelWrites parallelProjectionWrites(@Value("${ledgerflow.projections.writers:9}") int threads) {
        return new ParallelWrites(threads);
    }
}
