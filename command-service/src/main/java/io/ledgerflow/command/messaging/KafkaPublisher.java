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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Reads the event store in global order (a tracking processor) and publishes each event to Kafka. The events of
 * a batch are collected, given their own global positions in one query, and sent without waiting for each other;
 * the batch commits (and the processor's token moves past it) only once the broker has acknowledged every one of
 * them. A failed send rolls the batch back and the processor retries it: at-least-once, in order per key (one
 * producer thread, idempotent producer).
 */
@Component
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING = KafkaPublisher.class.getName() + ".pending";

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final LedgerTopicAdmin topic;
    private final GlobalPositions positions;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final Duration sendTimeout;

    public KafkaPublisher(KafkaTemplate<String, CloudEvent> kafka, LedgerTopicAdmin topic, GlobalPositions positions,
                          PublisherProperties properties) {
        this.kafka = kafka;
        this.topic = topic;
        this.positions = positions;
        this.sendTimeout = properties.sendTimeout();
    }

    @EventHandler
    public void on(LedgerEvent event, DomainEventMessage<?> message)
            throws ExecutionException, InterruptedException, TimeoutException {
        topic.ensureExists(sendTimeout);
        // the position is filled in when the batch is sent
        pending().add(new EventEnvelope(message.getIdentifier(), message.getTimestamp(), -1,
                message.getSequenceNumber(),
                metadata(message, LedgerCorrelationData.CORRELATION_ID),
                metadata(message, LedgerCorrelationData.CAUSATION_ID),
                metadata(message, LedgerCorrelationData.PRINCIPAL),
                metadata(message, LedgerCorrelationData.CLIENT_ID), event));
    }

    /** The events of the batch being processed, sent and awaited once before it commits. */
    private PendingBatch pending() {
        var batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            PendingBatch events = new PendingBatch();
            batch.onPrepareCommit(unitOfWork -> send(events));
            return events;
        });
    }

    private void send(PendingBatch events) {
        InFlightSends sends = new InFlightSends(sendTimeout);
        for (EventEnvelope envelope : events.positioned(positions::of)) {
            sends.add(kafka.send(new ProducerRecord<>(topic.name(), envelope.aggregateId(), codec.encode(envelope))));
        }
        sends.awaitAll();
    }

    private static String metadata(DomainEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
