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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Reads the event store in global order (a tracking processor) and publishes each event to Kafka. Sends of one
 * batch go out without waiting for each other; the batch commits (and the processor's token moves past it) only
 * once the broker has acknowledged every one of them. A failed send rolls the batch back and the processor
 * retries it: at-least-once, in order per key (one producer thread, idempotent producer).
 */
@Component
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String IN_FLIGHT = KafkaPublisher.class.getName() + ".inFlight";

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
        inFlight().add(kafka.send(new ProducerRecord<>(topic.name(), envelope.aggregateId(), codec.encode(envelope))));
    }

    /** The sends of the batch being processed, awaited once before it commits. */
    private InFlightSends inFlight() {
        var batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(IN_FLIGHT, key -> {
            InFlightSends sends = new InFlightSends(sendTimeout);
            batch.onPrepareCommit(unitOfWork -> sends.awaitAll());
            return sends;
        });
    }

    private static String metadata(DomainEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
