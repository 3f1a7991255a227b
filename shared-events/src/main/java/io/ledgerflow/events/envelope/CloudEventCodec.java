package io.ledgerflow.events.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ledgerflow.events.LedgerEvent;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;

import static io.ledgerflow.events.envelope.CloudEventAttributes.*;

/** Converts between {@link EventEnvelope} and a CloudEvent whose data is the event record as JSON. */
public final class CloudEventCodec {

    private static final URI SOURCE_URI = URI.create(SOURCE);

    private final ObjectMapper json;

    public CloudEventCodec() {
        this(defaultMapper());
    }

    public CloudEventCodec(ObjectMapper json) {
        this.json = json;
    }

    public static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public CloudEvent encode(EventEnvelope envelope) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(envelope.id())
                .withSource(SOURCE_URI)
                .withType(envelope.type())
                .withSubject(envelope.aggregateId())
                .withTime(envelope.time().atOffset(ZoneOffset.UTC))
                .withDataContentType(DATA_CONTENT_TYPE)
                .withData(toJson(envelope.event()))
                .withExtension(POSITION, envelope.position())
                .withExtension(SEQUENCE, envelope.sequence())
                .withExtension(AGGREGATE_TYPE, envelope.event().aggregateType());
        withOptional(builder, CORRELATION_ID, envelope.correlationId());
        withOptional(builder, CAUSATION_ID, envelope.causationId());
        withOptional(builder, PRINCIPAL, envelope.principal());
        withOptional(builder, CLIENT_ID, envelope.clientId());
        return builder.build();
    }

    /** @throws UnknownEventException for a type this version of the published language does not know */
    public EventEnvelope decode(CloudEvent cloudEvent) {
        Class<? extends LedgerEvent> eventClass = EventTypes.classOf(cloudEvent.getType())
                .orElseThrow(() -> new UnknownEventException("unknown event type " + cloudEvent.getType()));
        CloudEventData data = cloudEvent.getData();
        if (data == null || cloudEvent.getTime() == null) {
            throw new UnknownEventException("event " + cloudEvent.getId() + " has no data or no time");
        }
        try {
            LedgerEvent event = json.readValue(data.toBytes(), eventClass);
            return new EventEnvelope(cloudEvent.getId(), cloudEvent.getTime().toInstant(),
                    longExtension(cloudEvent, POSITION), longExtension(cloudEvent, SEQUENCE),
                    stringExtension(cloudEvent, CORRELATION_ID), stringExtension(cloudEvent, CAUSATION_ID),
                    stringExtension(cloudEvent, PRINCIPAL), stringExtension(cloudEvent, CLIENT_ID), event);
        } catch (IOException e) {
            throw new UnknownEventException("event " + cloudEvent.getId() + " has unreadable data: " + e.getMessage());
        }
    }

    private byte[] toJson(LedgerEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
    }

    private static void withOptional(CloudEventBuilder builder, String name, String value) {
        if (value != null) {
            builder.withExtension(name, value);
        }
    }

    private static long longExtension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        if (value == null) {
            throw new UnknownEventException("event " + event.getId() + " lacks extension " + name);
        }
        try {
            return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw new UnknownEventException("event " + event.getId() + " has a bad " + name + ": " + value);
        }
    }

    private static String stringExtension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }
}
