package io.ledgerflow.command.messaging;

import io.cloudevents.CloudEvent;
import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.envelope.CloudEventCodec;
import io.ledgerflow.events.envelope.EventEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the event store in global order (a tracking processor) and publishes each event to Kafka. The send
 * is awaited, so the processor's token only moves past an event the broker has acknowledged: at-least-once.
 */
@Component
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final LedgerTopicAdmin topic;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final Duration sendTimeout;

    public KafkaPublisher(KafkaTemplate<String, CloudEvent> kafka, LedgerTopicAdmin topic, PublisherProperties properties) {
        this.kafka = kafka;
        this.topic = topic;
        this.sendTimeout = properties.sendTimeout();
    }

    @EventHandler
    public void on(LedgerEvent event, DomainEventMessage<?> message, TrackingToken token)
            throws ExecutionException, InterruptedException, TimeoutException {
        topic.ensureExists(sendTimeout);
        EventEnvelope envelope = new EventEnvelope(message.getIdentifier(), message.getTimestamp(),
                token.position().orElseThrow(), message.getSequenceNumber(),
                metadata(message, LedgerCorrelationData.CORRELATION_ID),
                metadata(message, LedgerCorrelationData.CAUSATION_ID),
                metadata(message, LedgerCorrelationData.PRINCIPAL),
                metadata(message, LedgerCorrelationData.CLIENT_ID), event);
        kafka.send(new ProducerRecord<>(topic.name(), envelope.aggregateId(), codec.encode(envelope)))
                .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String metadata(DomainEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
