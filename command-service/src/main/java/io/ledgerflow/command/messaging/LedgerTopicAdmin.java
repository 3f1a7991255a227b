package io.ledgerflow.command.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Creates the ledger topic (kept forever) at start-up, and never alters an existing one: adding partitions would
 * move keys and break per-account ordering. Kafka being down at start-up is not fatal: the command side keeps
 * accepting commands, and the publisher creates the topic before its first send once Kafka is back.
 */
@Component
@EnableConfigurationProperties(PublisherProperties.class)
public class LedgerTopicAdmin {

    private final KafkaAdmin admin;
    private final NewTopic topic;
    private static final Logger log = LoggerFactory.getLogger(LedgerTopicAdmin.class);
    private volatile boolean exists;

    public LedgerTopicAdmin(KafkaAdmin admin, PublisherProperties properties) {
        this.admin = admin;
        this.topic = new NewTopic(properties.topic(), properties.partitions(), properties.replicas())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void createAtStartUp() {
        try {
            ensureExists(Duration.ofSeconds(5));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("could not create topic {} at start-up; the publisher will retry: {}", topic.name(), e.toString());
        }
    }

    public String name() {
        return topic.name();
    }

    public void ensureExists(Duration timeout) throws InterruptedException, TimeoutException, ExecutionException {
        if (exists) {
            return;
        }
        TopicCreation.createIfMissing(admin, topic, timeout);
        exists = true;
    }
}
