package io.ledgerflow.query.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record that decodes but lacks a field its event always has is poison (dead-lettered), not a failure of the
 * projections to retry for good: applied, it would fail in them on every try and hold up its partition.
 */
class RecordDecoderTest {

    private static final String DEBITED = "io.ledgerflow.account.AccountDebited.v1";
    private final RecordDecoder decoder = new RecordDecoder(new SimpleMeterRegistry());

    @Test
    void an_event_without_a_required_field_is_poison_naming_the_field() {
        ConsumerRecord<String, byte[]> record = record(DEBITED, "{\"accountId\":\"acc-1\",\"transferId\":\"t-1\","
                + "\"amount\":10}");

        assertThatThrownBy(() -> decoder.decode(record)).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("balances");
    }

    @Test
    void a_complete_event_decodes() {
        ConsumerRecord<String, byte[]> record = record(DEBITED, "{\"accountId\":\"acc-1\",\"transferId\":\"t-1\","
                + "\"amount\":10,\"balances\":{\"posted\":90,\"pendingDebits\":0,\"pendingCredits\":0}}");

        assertThat(decoder.decode(record)).get().satisfies(envelope ->
                assertThat(envelope.event().aggregateId()).isEqualTo("acc-1"));
    }

    private static ConsumerRecord<String, byte[]> record(String type, String data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId("e-1")
                .withSource(URI.create("/ledgerflow/command-service"))
                .withType(type)
                .withTime(OffsetDateTime.parse("2026-11-29T10:00:00Z"))
                .withData("application/json", data.getBytes(StandardCharsets.UTF_8))
                .withExtension("position", 7L)
                .withExtension("sequence", 1L)
                .build();
        RecordHeaders headers = new RecordHeaders();
        byte[] value = new CloudEventSerializer().serialize("ledger", headers, event);
        return new ConsumerRecord<>("ledger", 0, 0L, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, "acc-1", value, headers, Optional.empty());
    }
}
