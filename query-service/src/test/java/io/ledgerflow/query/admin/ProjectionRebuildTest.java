package io.ledgerflow.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.dashboard.DashboardQueries;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.JsonApi;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.Projections;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.query.support.SseClient;
import io.ledgerflow.query.support.SseFrame;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.eq;
import static io.ledgerflow.query.support.JsonApi.assertProblem;
import static io.ledgerflow.query.support.JsonApi.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The zero-downtime rebuild, under traffic: events keep arriving on the real topic while a new generation is built
 * and switched to, and a reader keeps reading; it never fails and never sees an account go back. Afterwards the
 * documents equal a fresh replay of every event, and the old generation's collections are gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:generous-rate-limits.properties",
        properties = "ledgerflow.projections.rebuild.drop-grace=1s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionRebuildTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);
    private static final List<String> ACCOUNTS = List.of("r-1", "r-2", "r-3", "r-4", "r-5", "r-6");
    private static final int MAX_TRANSFERS = 400;
    /** Every event published, in order; the tests run in order and go on with the same ledger. */
    private static final LedgerStream STREAM = new LedgerStream();
    private static final Pattern TRANSFER_ID = Pattern.compile("\"transferId\":\"([^\"]+)\"");

    @Autowired
    TestRestTemplate http;
    @Autowired
    MongoDatabase database;
    @Autowired
    DashboardQueries dashboard;
    @LocalServerPort
    int port;

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
    void aRebuildUnderTrafficNeverFailsAReaderNorGoesBackAndEndsEqualToAFreshReplay() throws Exception {
        JsonApi admin = new JsonApi(http).as(AuthorizationServer.shared().token("admin"));
        JsonApi viewer = new JsonApi(http).as(AuthorizationServer.shared().token("viewer"));
        LedgerStream stream = STREAM;
        for (String account : ACCOUNTS) {
            stream.open(account, "owner-" + account, "USD");
            stream.deposit("d-" + account, account, 1_000_000);
        }
        LEDGER.publish(stream.all());
        await().atMost(Duration.ofSeconds(30)).until(() -> ACCOUNTS.stream().allMatch(account ->
                viewer.get("/api/v1/accounts/" + account).getStatusCode().value() == 200));

        SseClient live = SseClient.open(port, "/api/v1/stream?kind=TransferPosted",
                AuthorizationServer.shared().token("viewer"));
        assertThat(live.status()).isEqualTo(200);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger transfers = new AtomicInteger();
        Thread producer = new Thread(() -> {
            for (int i = 0; producing.get() && i < MAX_TRANSFERS; i++) {
                String from = ACCOUNTS.get(i % ACCOUNTS.size());
                String to = ACCOUNTS.get((i + 1 + i / ACCOUNTS.size()) % ACCOUNTS.size());
                if (!from.equals(to)) {
                    LEDGER.publish(stream.transfer("t-" + i, from, to, 1 + i % 7));
                }
                transfers.incrementAndGet();
            }
        }, "traffic");
        Reader reader = new Reader(viewer);
        producer.start();
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> transfers.get() >= 40);

            ResponseEntity<String> started = admin.exchange(HttpMethod.POST, "/api/v1/admin/projections/rebuild");
            assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
            JsonNode rebuild = parse(started);
            assertThat(rebuild.path("generation").asText()).isEqualTo("1");
            assertThat(rebuild.path("state").asText()).isEqualTo("RUNNING");
            assertProblem(admin.exchange(HttpMethod.POST, "/api/v1/admin/projections/rebuild"), 409,
                    "REBUILD_IN_PROGRESS");
            int readsBefore = reader.reads.get();

            JsonNode status = await().atMost(Duration.ofSeconds(90)).until(
                    () -> viewer.json("/api/v1/admin/projections"),
                    node -> node.path("rebuild").path("state").asText().matches("DONE|FAILED"));
            assertThat(status.path("rebuild").path("state").asText()).as(status.toString()).isEqualTo("DONE");
            assertThat(status.path("generation").asText()).isEqualTo("1");
            int switchedAt = transfers.get();
            assertThat(reader.reads.get()).as("reads during the rebuild").isGreaterThan(readsBefore);
            // traffic goes on after the switch, into the new generation
            await().atMost(Duration.ofSeconds(30)).until(() -> transfers.get() >= Math.min(MAX_TRANSFERS,
                    switchedAt + 20));
        } finally {
            producing.set(false);
            producer.join();
        }
        List<EventEnvelope> published = stream.all();
        await().atMost(Duration.ofSeconds(30)).until(() -> viewer.json("/api/v1/admin/projections")
                .path("lag").asLong(-1) == 0);
        reader.stopAndJoin();

        assertThat(reader.failures).as("every read during the rebuild").isEmpty();
        List<String> posted = published.stream().map(EventEnvelope::event)
                .filter(event -> event instanceof TransferPosted).map(event -> ((TransferPosted) event).transferId())
                .filter(id -> id.startsWith("t-")) // the deposits were projected before the stream was opened
                .toList();
        try (live) {
            // the switch leaves no gap in the live stream (and the records projected again may come twice)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(streamedTransfers(live))
                    .containsExactlyInAnyOrderElementsOf(posted));
        }
        assertThat(reader.reads.get()).isPositive();
        try (MongoClient client = MongoClients.create(Infrastructure.mongoConnectionString())) {
            MongoDatabase fresh = client.getDatabase(Infrastructure.newMongoDatabaseName());
            new Projections(fresh).apply(published);
            assertThat(ProjectionSnapshot.of(database, "1")).isEqualTo(ProjectionSnapshot.of(fresh));
            // the replay counts the dashboard per event, the rebuild per partition offset: the sums must agree
            assertThat(dashboard.totals()).isEqualTo(new DashboardQueries(new ProjectionCollections(fresh), new ReadTimeLimit(Duration.ofSeconds(5))).totals());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                database.listCollectionNames().into(new ArrayList<>()))
                .as("the old generation is dropped").doesNotContainAnyElementsOf(ProjectionCollections.PROJECTIONS)
                .contains("accounts_g1", "entries_g1", "transfers_g1"));
        assertThat(database.getCollection(ProjectionCollections.PROJECTION_STATE)
                .find(eq("topic", LEDGER.topic())).into(new ArrayList<>()))
                .as("only the new generation's checkpoints are left")
                .extracting(checkpoint -> checkpoint.getString("generation")).containsOnly("1");
    }

    /**
     * Another instance switched to generation 7 (as its rebuild would): this instance's queries follow within a
     * second, and its busy consumer resumes at generation 7's checkpoints, here none, so from offset zero.
     */
    @Test
    @Order(2)
    void anotherInstancesSwitchIsFollowed() {
        JsonApi viewer = new JsonApi(http).as(AuthorizationServer.shared().token("viewer"));
        database.getCollection(ProjectionCollections.PROJECTION_STATE).updateOne(eq("_id", "collections"),
                Updates.set("generation", "7"), new UpdateOptions().upsert(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> viewer.json("/api/v1/admin/projections")
                .path("generation").asText().equals("7"));
        // a batch for a consumer that still writes generation 1 (unless its idle check moved it first)
        LEDGER.publish(STREAM.open("r-late", "owner-late", "USD"));

        await().atMost(Duration.ofSeconds(30)).until(() -> viewer.get("/api/v1/accounts/r-late")
                .getStatusCode().value() == 200);
        JsonNode status = await().atMost(Duration.ofSeconds(30)).until(
                () -> viewer.json("/api/v1/admin/projections"), node -> node.path("lag").asLong(-1) == 0);

        assertThat(status.path("generation").asText()).isEqualTo("7");
        assertThat(database.listCollectionNames().into(new ArrayList<>())).contains("dashboard_totals_g7");
        try (MongoClient client = MongoClients.create(Infrastructure.mongoConnectionString())) {
            MongoDatabase fresh = client.getDatabase(Infrastructure.newMongoDatabaseName());
            new Projections(fresh).apply(STREAM.all());
            assertThat(ProjectionSnapshot.of(database, "7")).isEqualTo(ProjectionSnapshot.of(fresh));
        }
    }

    private static Set<String> streamedTransfers(SseClient live) {
        Set<String> ids = new LinkedHashSet<>();
        for (SseFrame frame : live.events()) {
            Matcher matcher = TRANSFER_ID.matcher(frame.data());
            if (matcher.find() && matcher.group(1).startsWith("t-")) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }

    /** Reads every account over and over: each must answer 200, and its version never go down. */
    private static final class Reader extends Thread {

        private final JsonApi viewer;
        private final AtomicBoolean reading = new AtomicBoolean(true);
        private final AtomicInteger reads = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final Map<String, Long> versions = new HashMap<>();

        Reader(JsonApi viewer) {
            super("reader");
            this.viewer = viewer;
        }

        @Override
        public void run() {
            while (reading.get()) {
                for (String account : ACCOUNTS) {
                    read(account);
                }
            }
        }

        private void read(String account) {
            try {
                ResponseEntity<String> response = viewer.get("/api/v1/accounts/" + account);
                reads.incrementAndGet();
                if (response.getStatusCode().value() != 200) {
                    failures.add(account + ": " + response.getStatusCode() + " " + response.getBody());
                    return;
                }
                long version = parse(response).path("version").asLong();
                Long before = versions.put(account, version);
                if (before != null && version < before) {
                    failures.add(account + ": version " + version + " after " + before);
                }
            } catch (RuntimeException e) {
                failures.add(account + ": " + e);
            }
        }

        void stopAndJoin() throws InterruptedException {
            reading.set(false);
            join();
        }
    }
}
