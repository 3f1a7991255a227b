package io.ledgerflow.query.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.account.AccountView;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.query.transfer.TransferQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records that can never be projected go to the dead-letter topic; the partition carries on after them. An event
 * type this service does not know is skipped and counted, not dead-lettered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeadLetterTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);

    @Autowired
    AccountQueries accounts;
    @Autowired
    TransferQueries transfers;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheRecordsAfterThemAreStillProjected() {
        LedgerStream stream = new LedgerStream();
        byte[] junk = "not a cloud event".getBytes(StandardCharsets.UTF_8);
        LEDGER.publish(stream.open("acc-1", "alice", "USD"));
        // same key as the account, hence the same partition as the deposit's credit that follows
        LEDGER.publishRaw("acc-1", junk);
        LEDGER.publish("acc-1", event("poison-1", "io.ledgerflow.account.AccountOpened.v9"));
        LEDGER.publish("acc-1", event("unknown-1", "io.ledgerflow.account.AccountTeleported.v1"));
        List<EventEnvelope> deposit = stream.deposit("d-1", "acc-1", 10_000);
        LEDGER.publish(deposit);

        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.find("acc-1", ReadScope.everything())
                .map(AccountView::posted)
                .orElse(0L) == 10_000L);
        // keyed by the transfer id, so on a partition of its own
        await().atMost(Duration.ofSeconds(30)).until(() -> transfers.find("d-1", ReadScope.everything()).isPresent());

        List<ConsumerRecord<String, byte[]>> deadLetters = LEDGER.readDeadLetters(2, Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(2).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo("acc-1");
            assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                    .isEqualTo(PoisonRecordException.class.getName());
            assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(LEDGER.topic());
        });
        assertThat(deadLetters).anySatisfy(record -> assertThat(record.value()).isEqualTo(junk));
        assertThat(deadLetters).anySatisfy(record ->
                assertThat(header(record, "ce_type")).isEqualTo("io.ledgerflow.account.AccountOpened.v9"));
        assertThat(meters.counter("ledgerflow.projection.dead.letters").count()).isEqualTo(2);
        assertThat(meters.counter("ledgerflow.projection.events", "type", "unknown", "outcome", "unknown-type")
                .count()).isEqualTo(1);
        assertThat(LEDGER.readDeadLetters(3, Duration.ofSeconds(2))).as("the unknown type is not dead-lettered")
                .hasSize(2);
    }

    private static CloudEvent event(String id, String type) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/ledgerflow/command-service"))
                .withType(type)
                .withTime(OffsetDateTime.parse("2026-11-29T10:00:00Z"))
                .withData("application/json", "{\"accountId\":\"acc-1\"}".getBytes(StandardCharsets.UTF_8))
                .withExtension("position", 999L)
                .withExtension("sequence", 1L)
                .build();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
