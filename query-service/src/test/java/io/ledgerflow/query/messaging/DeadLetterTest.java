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
import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.support.JsonApi;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
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
import java.util.ArrayList;
import java.util.List;

import static io.ledgerflow.query.support.JsonApi.assertProblem;
import static io.ledgerflow.query.support.JsonApi.fieldNames;
import static io.ledgerflow.query.support.JsonApi.list;
import static io.ledgerflow.query.support.JsonApi.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records that can never be projected go to the dead-letter topic; the partition carries on after them. An event
 * type this service does not know is skipped and counted, not dead-lettered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);

    @Autowired
    AccountQueries accounts;
    @Autowired
    TransferQueries transfers;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        QueryServiceProperties.registerAuthorizationServer(registry);
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @Test
    @Order(1)
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
        assertThat(LEDGER.allDeadLetters()).as("the unknown type is not dead-lettered")
                .hasSize(2);
    }

    /**
     * Through the admin API: a poison record is listed with its error and still fails when retried, while its
     * partition goes on; a record whose failure was fixed since (a valid event put on the dead-letter topic with
     * the recoverer's headers stands in for it) is re-applied, and the list says so.
     */
    @Test
    @Order(2)
    void deadLettersAreListedAndRetriedThroughTheAdminApi() {
        JsonApi admin = new JsonApi(http).as(AuthorizationServer.shared().token("admin"));
        LedgerStream stream = new LedgerStream();
        LEDGER.publishRaw("acc-2", "still not a cloud event".getBytes(StandardCharsets.UTF_8));
        LEDGER.publish(stream.open("acc-2", "bob", "USD"));
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.find("acc-2", ReadScope.everything()).isPresent());
        LEDGER.publishDeadLetter(stream.open("acc-3", "carol", "USD"), 1, 41, "Mongo said no (fixed since)");

        List<JsonNode> letters = await().atMost(Duration.ofSeconds(30)).until(() -> allDeadLetters(admin, 1),
                all -> all.size() == 4);
        JsonNode poison = letters.stream().filter(letter -> "acc-2".equals(letter.path("key").asText()))
                .findFirst().orElseThrow();
        assertThat(fieldNames(poison)).containsExactly("id", "topic", "partition", "offset", "key", "originalTopic",
                "originalPartition", "originalOffset", "error", "failedAt", "retried", "retriedAt");
        assertThat(poison.path("id").asText()).isEqualTo(poison.path("partition").asInt() + "-"
                + poison.path("offset").asLong());
        assertThat(poison.path("topic").asText()).isEqualTo(LEDGER.deadLetterTopic());
        assertThat(poison.path("originalTopic").asText()).isEqualTo(LEDGER.topic());
        assertThat(poison.path("originalOffset").isIntegralNumber()).isTrue();
        assertThat(poison.path("error").asText()).contains("cannot decode record");
        assertThat(poison.path("retried").asBoolean()).isFalse();
        assertThat(poison.path("retriedAt").isNull()).isTrue();
        JsonNode fixed = letters.stream().filter(letter -> "acc-3".equals(letter.path("key").asText()))
                .findFirst().orElseThrow();
        assertThat(fixed.path("error").asText()).isEqualTo("Mongo said no (fixed since)");
        assertThat(fixed.path("originalPartition").asInt()).isEqualTo(1);
        assertThat(fixed.path("originalOffset").asLong()).isEqualTo(41);

        JsonNode stillFailing = assertProblem(admin.exchange(HttpMethod.POST, retryOf(poison)), 422,
                "DEAD_LETTER_STILL_FAILING");
        assertThat(stillFailing.path("error").asText()).contains("cannot decode record");
        assertThat(accounts.find("acc-3", ReadScope.everything())).isEmpty();

        ResponseEntity<String> retried = admin.exchange(HttpMethod.POST, retryOf(fixed));
        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(200);
        assertThat(parse(retried).path("retried").asBoolean()).isTrue();
        assertThat(accounts.find("acc-3", ReadScope.everything())).get()
                .satisfies(account -> assertThat(account.ownerId()).isEqualTo("carol"));
        List<JsonNode> after = allDeadLetters(admin, 500);
        assertThat(after).filteredOn(letter -> letter.path("id").equals(fixed.path("id"))).singleElement()
                .satisfies(letter -> {
                    assertThat(letter.path("retried").asBoolean()).isTrue();
                    assertThat(letter.path("retriedAt").asText()).isNotBlank();
                });
        assertThat(after).filteredOn(letter -> letter.path("retried").asBoolean()).hasSize(1);

        assertProblem(admin.exchange(HttpMethod.POST, "/api/v1/admin/dead-letters/99-0/retry"), 404,
                "DEAD_LETTER_NOT_FOUND");
        assertProblem(admin.exchange(HttpMethod.POST, "/api/v1/admin/dead-letters/0-999999/retry"), 404,
                "DEAD_LETTER_NOT_FOUND");
        assertProblem(admin.exchange(HttpMethod.POST, "/api/v1/admin/dead-letters/not-an-id/retry"), 404,
                "DEAD_LETTER_NOT_FOUND");
        assertProblem(admin.get("/api/v1/admin/dead-letters?cursor=nope"), 400, "VALIDATION_FAILED");
    }

    /** The projections' status, as a viewer reads it: every partition caught up, with its last event. */
    @Test
    @Order(3)
    void theProjectionStatusShowsEachPartitionCaughtUp() {
        JsonApi viewer = new JsonApi(http).as(AuthorizationServer.shared().token("viewer"));

        JsonNode status = await().atMost(Duration.ofSeconds(30)).until(
                () -> viewer.json("/api/v1/admin/projections"), node -> node.path("lag").asLong(-1) == 0);

        assertThat(fieldNames(status)).containsExactly("generation", "projections", "partitions", "lag",
                "secondsSinceLastEvent", "rebuild");
        assertThat(status.path("projections").toString()).contains("accounts", "entries", "transfers");
        List<JsonNode> partitions = list(status.path("partitions"));
        assertThat(partitions).hasSize(3).allSatisfy(partition -> {
            assertThat(partition.path("topic").asText()).isEqualTo(LEDGER.topic());
            assertThat(partition.path("checkpoint").asLong()).isEqualTo(partition.path("endOffset").asLong());
            assertThat(partition.path("lag").asLong()).isZero();
        });
        assertThat(partitions).extracting(partition -> partition.path("partition").asInt()).containsExactly(0, 1, 2);
        assertThat(partitions).anySatisfy(partition -> {
            assertThat(partition.path("lastPosition").isIntegralNumber()).isTrue();
            assertThat(partition.path("lastEventAt").asText()).isNotBlank();
        });
        // the fixture's events are dated 2026-11-29
        assertThat(status.path("secondsSinceLastEvent").asLong()).isPositive();
        assertThat(status.path("rebuild").isNull()).isTrue();
    }

    /** A rebuild replays the ledger topic, where the retried dead letter is not: it is re-applied to the new generation. */
    @Test
    @Order(4)
    void aRetriedDeadLetterSurvivesARebuild() {
        JsonApi admin = new JsonApi(http).as(AuthorizationServer.shared().token("admin"));
        assertThat(accounts.find("acc-3", ReadScope.everything())).as("retried in the test before").isPresent();

        ResponseEntity<String> started = admin.exchange(HttpMethod.POST, "/api/v1/admin/projections/rebuild");
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        String generation = parse(started).path("generation").asText();
        JsonNode status = await().atMost(Duration.ofSeconds(60)).until(() -> admin.json("/api/v1/admin/projections"),
                node -> node.path("rebuild").path("state").asText().matches("DONE|FAILED"));

        assertThat(status.path("rebuild").path("state").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.path("generation").asText()).isEqualTo(generation);
        assertThat(accounts.find("acc-3", ReadScope.everything())).isPresent();
        assertThat(accounts.find("acc-1", ReadScope.everything())).get()
                .satisfies(account -> assertThat(account.posted()).isEqualTo(10_000L));
    }

    private static String retryOf(JsonNode deadLetter) {
        return "/api/v1/admin/dead-letters/" + deadLetter.path("id").asText() + "/retry";
    }

    /** Page by page, following the cursor. */
    private static List<JsonNode> allDeadLetters(JsonApi admin, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin.json("/api/v1/admin/dead-letters?limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor));
            List<JsonNode> pageItems = list(page.path("items"));
            assertThat(pageItems.size()).isLessThanOrEqualTo(limit);
            items.addAll(pageItems);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        return items;
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
