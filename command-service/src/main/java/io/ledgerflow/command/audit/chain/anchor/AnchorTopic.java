package io.ledgerflow.command.audit.chain.anchor;

import io.ledgerflow.command.messaging.PublisherProperties;
import io.ledgerflow.command.messaging.TopicCreation;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Creates the anchor topic as the ledger topic is created: kept forever (auditors read every anchor from offset
 * zero), one partition so that anchors stay in position order, never altered once it exists.
 */
class AnchorTopic {

    private static final Logger LOG = LoggerFactory.getLogger(AnchorTopic.class);

    private final KafkaAdmin admin;
    private final NewTopic topic;
    private volatile boolean exists;

    AnchorTopic(KafkaAdmin admin, AnchorProperties anchors, PublisherProperties kafka) {
        this.admin = admin;
        this.topic = new NewTopic(anchors.topic(), 1, kafka.replicas())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
    }

    String name() {
        return topic.name();
    }

    void createAtStartUp() {
        try {
            ensureExists(Duration.ofSeconds(5));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("could not create topic {} at start-up; anchoring will retry: {}", topic.name(), e.toString());
        }
    }

    void ensureExists(Duration timeout) throws InterruptedException, TimeoutException, ExecutionException {
        if (exists) {
            return;
        }
        TopicCreation.createIfMissing(admin, topic, timeout);
        exists = true;
    }
}
