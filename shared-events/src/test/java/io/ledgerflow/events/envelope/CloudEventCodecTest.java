package io.ledgerflow.events.envelope;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.ledgerflow.events.LedgerEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    static final List<LedgerEvent> EXAMPLES = EventExamples.ALL;
    private final CloudEventCodec codec = new CloudEventCodec();

    @ParameterizedTest
    @FieldSource("EXAMPLES")
    void an_envelope_survives_kafka_binary_mode_unchanged(LedgerEvent event) {
        EventEnvelope envelope = new EventEnvelope("evt-1", Instant.parse("2026-11-29T10:00:00Z"), 42, 3,
                "corr-1", "cmd-1", "alice", "web-app", event);
        Headers headers = new RecordHeaders();

        byte[] value;
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(), false);
            value = serializer.serialize(LedgerTopic.NAME, headers, codec.encode(envelope));
        }
        CloudEvent read;
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            read = deserializer.deserialize(LedgerTopic.NAME, headers, value);
        }

        assertThat(header(headers, "ce_type")).isEqualTo(envelope.type());
        assertThat(header(headers, "ce_subject")).isEqualTo(event.aggregateId());
        assertThat(header(headers, "ce_position")).isEqualTo("42");
        assertThat(header(headers, "ce_sequence")).isEqualTo("3");
        assertThat(header(headers, "ce_aggregatetype")).isEqualTo(event.aggregateType());
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        assertThat(header(headers, "ce_clientid")).isEqualTo("web-app");
        assertThat(codec.decode(read)).isEqualTo(envelope);
    }

    @Test
    void an_unknown_type_is_refused_as_a_poison_event() {
        CloudEvent unknown = CloudEventBuilder.v1().withId("x").withSource(URI.create("/elsewhere"))
                .withType("io.ledgerflow.account.AccountExploded.v1").withTime(Instant.EPOCH.atOffset(java.time.ZoneOffset.UTC))
                .withData("{}".getBytes(StandardCharsets.UTF_8)).build();

        assertThatThrownBy(() -> codec.decode(unknown)).isInstanceOf(UnknownEventException.class);
    }

    @Test
    void types_are_named_by_area_event_and_revision() {
        assertThat(EventTypes.ALL).extracting(EventTypes::typeOf).containsExactly(
                "io.ledgerflow.account.AccountOpened.v1", "io.ledgerflow.account.AccountDebited.v1",
                "io.ledgerflow.account.AccountCredited.v1", "io.ledgerflow.account.AccountFrozen.v1",
                "io.ledgerflow.account.AccountUnfrozen.v1", "io.ledgerflow.account.AccountClosed.v1",
                "io.ledgerflow.account.AccountReopened.v1", "io.ledgerflow.account.AccountOverdraftLimitChanged.v1",
                "io.ledgerflow.account.AccountDebitReserved.v1", "io.ledgerflow.account.AccountCreditReserved.v1",
                "io.ledgerflow.account.AccountReservationReleased.v1",
                "io.ledgerflow.transfer.TransferPosted.v1",
                "io.ledgerflow.transfer.TransferRejected.v1",
                "io.ledgerflow.transfer.TransferPending.v1", "io.ledgerflow.transfer.TransferPendingPosted.v1",
                "io.ledgerflow.transfer.TransferVoided.v1", "io.ledgerflow.transfer.TransferExpired.v1");
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
