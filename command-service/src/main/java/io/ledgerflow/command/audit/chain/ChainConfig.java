package io.ledgerflow.command.audit.chain;

import io.ledgerflow.command.audit.StoredEvents;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;


/** The chain linker on a thread of its own, so that it neither waits for nor delays any other scheduled work. */
@Configuration
@EnableConfigurationProperties(ChainProperties.class)
public class ChainConfig {

    @Bean
    ChainLinker chainLinker(JdbcTemplate jdbc, TransactionTemplate transactions, StoredEvents events,
                            ChainLinks links, ChainProperties properties) {
        return new ChainLinker(jdbc, transactions, events, links, properties);
    }

    @Bean
    @ConditionalOnProperty(name = "ledgerflow.audit.chain.enabled", havingValue = "true", matchIfMissing = true)
    SmartLifecycle chainLinkerSchedule(ChainLinker linker, ChainProperties properties) {
        return new FixedDelayWorker("audit-chain-linker", properties.interval(), () -> { }, linker::catchUp);
    }
}
