package io.ledgerflow.command.audit.chain.anchor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.audit.ChainAnchor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends anchors to their topic as plain JSON ({@link ChainAnchor}'s fields), keyed by position. A producer of its
 * own: the application's KafkaTemplate serializes CloudEvents, and declaring a second one as a bean would switch
 * Spring Boot's off.
 */
class AnchorPublisher implements DisposableBean {

    private final ObjectMapper json = new ObjectMapper();
    private final DefaultKafkaProducerFactory<String, String> producers;
    private final KafkaTemplate<String, String> kafka;
    private final AnchorTopic topic;
    private final Duration timeout;

    AnchorPublisher(Map<String, Object> producerProperties, AnchorTopic topic, Duration timeout) {
        this.producers = new DefaultKafkaProducerFactory<>(producerProperties, new StringSerializer(), new StringSerializer());
        this.kafka = new KafkaTemplate<>(producers);
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Returns once the broker acknowledged the anchor; throws when it did not within the timeout. */
    void publish(ChainAnchor anchor) throws InterruptedException, ExecutionException, TimeoutException {
        topic.ensureExists(timeout);
        kafka.send(new ProducerRecord<>(topic.name(), Long.toString(anchor.position()), toJson(anchor)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String toJson(ChainAnchor anchor) {
        try {
            return json.writeValueAsString(anchor);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an anchor cannot be written as JSON", e);
        }
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
