package io.ledgerflow.command.messaging;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the ledger topic (kept forever) before the first publish, and never alters an existing one: adding
 * partitions would move keys and break per-account ordering. Lazy rather than at start-up so the command
 * side accepts commands while Kafka is down; the publisher catches up when it returns.
 */
@Component
@EnableConfigurationProperties(PublisherProperties.class)
public class LedgerTopicAdmin {

    private final KafkaAdmin admin;
    private final NewTopic topic;
    private volatile boolean exists;

    public LedgerTopicAdmin(KafkaAdmin admin, PublisherProperties properties) {
        this.admin = admin;
        this.topic = new NewTopic(properties.topic(), properties.partitions(), properties.replicas())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
    }

    public String name() {
        return topic.name();
    }

    public void ensureExists() throws InterruptedException, TimeoutException, ExecutionException {
        if (exists) {
            return;
        }
        try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
            if (!client.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic.name())) {
                client.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        exists = true;
    }
}
