package io.ledgerflow.query.messaging;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Declares the dead-letter topic, with bounded waits. Not a {@code NewTopic} bean: Spring's KafkaAdmin tries
 * those once at start-up and only logs when Kafka is down, and then the first poison record would have nowhere
 * to go. The projections start consuming only once this has succeeded ({@link ProjectionStart}).
 */
@Component
public class DeadLetterTopic {

    private final KafkaAdmin admin;
    private final NewTopic topic;
    private volatile boolean exists;

    public DeadLetterTopic(KafkaAdmin admin, LedgerKafkaProperties properties) {
        this.admin = admin;
        this.topic = new NewTopic(properties.deadLetterTopic(), properties.deadLetterPartitions(), (short) -1);
    }

    public String name() {
        return topic.name();
    }

    public void ensureExists(Duration timeout) throws InterruptedException, TimeoutException, ExecutionException {
        if (exists) {
            return;
        }
        int millis = (int) timeout.toMillis();
        try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
            if (!client.listTopics(new ListTopicsOptions().timeoutMs(millis)).names()
                    .get(millis, TimeUnit.MILLISECONDS).contains(topic.name())) {
                client.createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(millis)).all()
                        .get(millis, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        exists = true;
    }
}
