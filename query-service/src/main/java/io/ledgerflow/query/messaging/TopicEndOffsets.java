package io.ledgerflow.query.messaging;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The end offset (the offset the next record will get) of every partition of a topic, asked of the broker with a
 * bounded wait: a status page must answer even when Kafka does not, with what it knows.
 */
@Component
public class TopicEndOffsets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TopicEndOffsets.class);

    private final KafkaAdmin admin;
    private AdminClient client;

    public TopicEndOffsets(KafkaAdmin admin) {
        this.admin = admin;
    }

    /** @return by partition; empty if the broker did not answer within {@code timeout} */
    public Optional<Map<TopicPartition, Long>> of(String topic, Duration timeout) {
        int millis = (int) timeout.toMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            AdminClient kafka = client();
            TopicDescription description = kafka.describeTopics(List.of(topic),
                            new DescribeTopicsOptions().timeoutMs(millis)).allTopicNames()
                    .get(millis, TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
                            info -> OffsetSpec.latest()));
            int left = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            kafka.listOffsets(latest, new ListOffsetsOptions().timeoutMs(left)).all()
                    .get(left, TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> offsets.put(partition, info.offset()));
            return Optional.of(offsets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("No end offsets of {} from Kafka: {}", topic, e.toString());
            return Optional.empty();
        }
    }

    private synchronized AdminClient client() {
        if (client == null) {
            client = AdminClient.create(admin.getConfigurationProperties());
        }
        return client;
    }

    @Override
    public synchronized void destroy() {
        if (client != null) {
            client.close(Duration.ofSeconds(2));
        }
    }
}
