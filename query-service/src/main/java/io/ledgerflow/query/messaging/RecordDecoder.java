package io.ledgerflow.query.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.ledgerflow.events.EventCompleteness;
import io.ledgerflow.events.envelope.CloudEventCodec;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.envelope.EventTypes;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a raw ledger record into an envelope. The consumer reads raw bytes and decodes here, so that a record
 * that is not even a CloudEvent fails inside the listener as a {@link PoisonRecordException} and reaches the
 * dead-letter topic byte for byte.
 * <p>
 * An event type this service has never heard of is not poison: a newer publisher may add types that no
 * projection here reads, so it is skipped (counted, with a warning). A known type at a revision this service
 * does not know is poison: its data cannot be read safely. So is an event without a field it always has (a
 * {@code AccountDebited} without {@code balances}).
 */
@Component
public class RecordDecoder {

    private static final Logger log = LoggerFactory.getLogger(RecordDecoder.class);
    private static final Pattern REVISION = Pattern.compile("\\.v[^.]*$");
    private static final Set<String> KNOWN_NAMES = EventTypes.ALL.stream()
            .map(EventTypes::typeOf).map(RecordDecoder::withoutRevision).collect(Collectors.toUnmodifiableSet());

    private final CloudEventDeserializer cloudEvents = new CloudEventDeserializer();
    private final CloudEventCodec codec = new CloudEventCodec();
    private final MeterRegistry meters;

    public RecordDecoder(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @return the envelope, or empty for an event type unknown to this service (skipped) */
    public Optional<EventEnvelope> decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = cloudEvents.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            throw poison(record, e);
        }
        String type = cloudEvent.getType();
        if (type != null && EventTypes.classOf(type).isEmpty() && !KNOWN_NAMES.contains(withoutRevision(type))) {
            log.warn("Skipping {}-{}@{}: event type {} is unknown to this service", record.topic(),
                    record.partition(), record.offset(), type);
            // the type is not a tag: the topic's content must not decide the number of meters
            meters.counter("ledgerflow.projection.events", "type", "unknown", "outcome", "unknown-type").increment();
            return Optional.empty();
        }
        EventEnvelope envelope;
        try {
            envelope = codec.decode(cloudEvent);
        } catch (RuntimeException e) {
            throw poison(record, e);
        }
        List<String> missing = envelope.event() instanceof Record event ? EventCompleteness.missing(event) : List.of();
        if (!missing.isEmpty()) {
            // applied, it would fail in the projections, batch after batch, and hold up its partition for good
            throw poison(record, new IllegalArgumentException(type + " without " + String.join(", ", missing)));
        }
        return Optional.of(envelope);
    }

    private static PoisonRecordException poison(ConsumerRecord<?, ?> record, RuntimeException e) {
        return new PoisonRecordException("cannot decode record " + record.topic() + "-" + record.partition()
                + "@" + record.offset() + ": " + e.getMessage(), e);
    }

    private static String withoutRevision(String type) {
        return REVISION.matcher(type).replaceFirst("");
    }
}
