package io.ledgerflow.command.messaging;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates a topic unless it exists already (another instance may create it at the same moment). */
public final class TopicCreation {

    private TopicCreation() {
    }

    public static void createIfMissing(KafkaAdmin admin, NewTopic topic, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        int millis = (int) timeout.toMillis();
        AdminClient client = AdminClient.create(admin.getConfigurationProperties());
        try {
            if (!client.listTopics(new ListTopicsOptions().timeoutMs(millis)).names()
                    .get(millis, TimeUnit.MILLISECONDS).contains(topic.name())) {
                client.createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(millis)).all()
                        .get(millis, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        } finally {
            client.close(Duration.ofSeconds(1));
        }
    }
}
