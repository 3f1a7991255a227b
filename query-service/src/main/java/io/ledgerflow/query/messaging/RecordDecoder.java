package io.ledgerflow.query.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.ledgerflow.events.envelope.CloudEventCodec;
import io.ledgerflow.events.envelope.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Turns a raw ledger record into an envelope. The consumer reads raw bytes and decodes here, so that a record
 * that is not even a CloudEvent fails inside the listener like any other poison record and reaches the
 * dead-letter topic byte for byte.
 */
@Component
public class RecordDecoder {

    private final CloudEventDeserializer cloudEvents = new CloudEventDeserializer();
    private final CloudEventCodec codec = new CloudEventCodec();

    public EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent cloudEvent = cloudEvents.deserialize(record.topic(), record.headers(), record.value());
            return codec.decode(cloudEvent);
        } catch (RuntimeException e) {
            throw new PoisonRecordException("cannot decode record " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + ": " + e.getMessage(), e);
        }
    }
}
