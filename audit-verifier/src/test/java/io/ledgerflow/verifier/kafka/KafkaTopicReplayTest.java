package io.ledgerflow.verifier.kafka;

import io.cloudevents.kafka.CloudEventSerializer;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.CloudEventCodec;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.testkit.KafkaKraftBroker;
import io.ledgerflow.verifier.AuditVerifier;
import io.ledgerflow.verifier.support.Exports;
import io.ledgerflow.verifier.support.LedgerHistory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays a real topic on an embedded KRaft broker, written as the command-service's publisher writes it. */
class KafkaTopicReplayTest {

    private static final int PARTITIONS = 4;

    private static KafkaKraftBroker broker;

    private final LedgerHistory history = LedgerHistory.everyKind();
    private final List<EventEnvelope> envelopes = Exports.envelopes(history);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startBroker() {
        broker = KafkaKraftBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aCleanTopicOfSeveralPartitionsWithARedeliveryPasses() {
        String topic = createTopic();
        List<EventEnvelope> published = new ArrayList<>(envelopes);
        published.add(envelopes.get(7)); // at-least-once: the same event published again
        publish(topic, published);

        int exit = verify(topic);

        assertThat(exit).as(stdout() + err).isEqualTo(AuditVerifier.CLEAN);
        assertThat(stdout()).contains("(" + PARTITIONS + " partitions)")
                .contains("events read: " + published.size() + " (1 exact redeliveries skipped), "
                        + envelopes.size() + " applied")
                .contains("transfers:   9: 6 POSTED, 1 REJECTED, 1 VOIDED, 1 EXPIRED")
                .contains("Σ posted:    EUR 0, USD 0")
                .contains("result:      OK: no violation");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("reading " + published.size() + " records");
    }

    @Test
    void aConflictingEventAtAPositionAlreadyPublishedFails() {
        String topic = createTopic();
        int credit = history.indexOf(e -> e instanceof AccountCredited c && c.transferId().equals("t-1"));
        EventEnvelope original = envelopes.get(credit);
        AccountCredited event = (AccountCredited) original.event();
        EventEnvelope conflicting = new EventEnvelope(UUID.randomUUID().toString(), original.time(),
                original.position(), original.sequence(), original.correlationId(), original.causationId(),
                original.principal(), original.clientId(), new AccountCredited(event.accountId(), event.transferId(),
                event.amount() * 10, new Balances(event.amount() * 10, 0, 0)));
        List<EventEnvelope> published = new ArrayList<>(envelopes);
        published.add(conflicting);
        publish(topic, published);

        int exit = verify(topic);

        assertThat(exit).isEqualTo(AuditVerifier.VIOLATIONS);
        assertThat(stdout()).contains("CONFLICTING_EVENT at position " + original.position() + ", account/acc-2");
    }

    private int verify(String topic) {
        return AuditVerifier.run(new String[]{"--kafka", broker.bootstrapServers(), "--topic", topic},
                InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String createTopic() {
        String topic = "ledger.events.verifier-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
        return topic;
    }

    /** Keyed by aggregate id, CloudEvents in binary mode: as the command-service's publisher sends them. */
    private static void publish(String topic, List<EventEnvelope> envelopes) {
        CloudEventCodec codec = new CloudEventCodec();
        try (CloudEventSerializer cloudEvents = new CloudEventSerializer();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                     new StringSerializer(), new ByteArraySerializer())) {
            cloudEvents.configure(Map.of(), false);
            for (EventEnvelope envelope : envelopes) {
                RecordHeaders headers = new RecordHeaders();
                byte[] value = cloudEvents.serialize(topic, headers, codec.encode(envelope));
                // one at a time: pipelined sends to a topic just created make the idempotent producer retry at length
                producer.send(new ProducerRecord<>(topic, null, envelope.aggregateId(), value, headers)).get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
