package io.ledgerflow.command.audit.chain;

import io.ledgerflow.command.audit.StoredEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The chain linker on a thread of its own, so that it neither waits for nor delays any other scheduled work. */
@Configuration
@EnableConfigurationProperties(ChainProperties.class)
public class ChainConfig {

    private static final Logger LOG = LoggerFactory.getLogger(ChainConfig.class);

    @Bean
    ChainLinker chainLinker(JdbcTemplate jdbc, TransactionTemplate transactions, StoredEvents events,
                            ChainLinks links, ChainProperties properties) {
        return new ChainLinker(jdbc, transactions, events, links, properties);
    }

    @Bean
    @ConditionalOnProperty(name = "ledgerflow.audit.chain.enabled", havingValue = "true", matchIfMissing = true)
    SmartLifecycle chainLinkerSchedule(ChainLinker linker, ChainProperties properties) {
        return new SmartLifecycle() {
            private ScheduledExecutorService executor;

            @Override
            public void start() {
                executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "audit-chain-linker");
                    thread.setDaemon(true);
                    return thread;
                });
                long interval = properties.interval().toMillis();
                executor.scheduleWithFixedDelay(() -> {
                    try {
                        linker.catchUp();
                    } catch (RuntimeException e) {
                        LOG.warn("audit chain: linking failed, trying again in {} ms: {}", interval, e.toString());
                    }
                }, interval, interval, TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                executor = null;
            }

            @Override
            public boolean isRunning() {
                return executor != null;
            }
        };
    }
}
