package io.ledgerflow.query.messaging;

import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.account.AccountView;
import io.ledgerflow.query.dashboard.CurrencyTotals;
import io.ledgerflow.query.dashboard.DashboardQueries;
import io.ledgerflow.query.dashboard.DashboardTotals;
import io.ledgerflow.query.dashboard.VolumeBucket;
import io.ledgerflow.query.dashboard.VolumeQuery;
import io.ledgerflow.query.dashboard.VolumeSeries;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * At-least-once delivery and replay from offset zero must leave exactly the same documents, and the same dashboard:
 * the history is published twice, so the second copy is at new offsets, as a publisher that resends after a crash
 * would put it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedeliveryAndReplayTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);
    private static final LedgerStream STREAM = new LedgerStream();
    private static final List<EventEnvelope> HISTORY = history();
    private static Map<String, List<Document>> projectedOnce;
    private static DashboardTotals totalsOnce;
    private static VolumeSeries volumeOnce;

    @Autowired
    MongoDatabase database;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    MeterRegistry meters;
    @Autowired
    AccountQueries accounts;
    @Autowired
    DashboardQueries dashboard;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @Test
    @Order(1)
    void everyRecordDeliveredTwiceLeavesIdenticalDocuments() {
        LEDGER.publish(HISTORY);
        awaitProjectedEvents(HISTORY.size());
        projectedOnce = ProjectionSnapshot.of(database);
        // the creator comes from the CloudEvent's principal, so a replay from offset zero (below) restores it too
        assertThat(projectedOnce.get(ProjectionCollections.TRANSFERS))
                .allSatisfy(transfer -> assertThat(transfer).containsEntry("createdBy", LedgerStream.TESTER));
        totalsOnce = dashboard.totals();
        volumeOnce = volume();

        LEDGER.publish(HISTORY);
        awaitProjectedEvents(2 * HISTORY.size());

        assertThat(ProjectionSnapshot.of(database)).isEqualTo(projectedOnce);
        // accounts, transfers, entries
        assertThat(ProjectionSnapshot.documentCount(projectedOnce)).isEqualTo(4 + 8 + 8);
        assertThat(dashboard.totals()).isEqualTo(totalsOnce);
        assertThat(volume()).isEqualTo(volumeOnce);
    }

    /** d-1, t-1, t-2 and p-1 (700 of its 1,000) posted, p-4 pending, t-3 rejected, p-2 voided, p-3 expired. */
    @Test
    @Order(2)
    void theDashboardSumsWholeTransfersWhateverTheirPhases() {
        assertThat(totalsOnce.currencies()).containsExactly(new CurrencyTotals("USD", BigInteger.valueOf(10_000 + 2_500 + 1_000 + 700), BigInteger.valueOf(50),
                Map.of("POSTED", 4L, "PENDING", 1L, "REJECTED", 1L, "VOIDED", 1L, "EXPIRED", 1L),
                Map.of("OPEN", 3L, "FROZEN", 0L, "CLOSED", 0L)));
        assertThat(totalsOnce.asOf()).isEqualTo(HISTORY.get(HISTORY.size() - 1).time());
        assertThat(volumeOnce.items()).extracting(VolumeBucket::count, VolumeBucket::volume)
                .containsExactly(tuple(4L, BigInteger.valueOf(14_200)), tuple(0L, BigInteger.ZERO));
    }

    @Test
    @Order(3)
    void aDroppedDatabaseIsRebuiltFromOffsetZeroIntoIdenticalDocuments() {
        MessageListenerContainer container = listeners.getListenerContainer(LedgerEventListener.LISTENER_ID);
        container.stop();
        database.drop();
        assertThat(ProjectionSnapshot.documentCount(ProjectionSnapshot.of(database))).isZero();

        container.start();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ProjectionSnapshot.of(database)).isEqualTo(projectedOnce));
        awaitProjectedEvents(4 * HISTORY.size());
        assertThat(dashboard.totals()).isEqualTo(totalsOnce);
        assertThat(volume()).isEqualTo(volumeOnce);
    }

    @Test
    @Order(4)
    void aRestartWithProjectionsInPlaceResumesWhereItStopped() {
        double before = projectedEvents();
        MessageListenerContainer container = listeners.getListenerContainer(LedgerEventListener.LISTENER_ID);
        container.stop();
        container.start();

        depositOfOneIsProjectedAlone("d-2", 6_801L, before);
    }

    /**
     * A consumer resumes at the projections' checkpoints, whatever the group committed (which is what makes offsets
     * committed once a second, {@code KAFKA_LISTENER_ACK_MODE=time}, safe): here the committed offsets are put back to
     * zero while the container is stopped, and nothing is projected again.
     */
    @Test
    @Order(5)
    void aRestartResumesAtTheCheckpointsEvenWhenTheCommittedOffsetsAreBehindThem() throws Exception {
        double before = projectedEvents();
        MessageListenerContainer container = listeners.getListenerContainer(LedgerEventListener.LISTENER_ID);
        container.stop();
        Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
        for (int partition = 0; partition < 3; partition++) {
            zero.put(new TopicPartition(LEDGER.topic(), partition), new OffsetAndMetadata(0));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafkaBootstrapServers()))) {
            admin.alterConsumerGroupOffsets(container.getGroupId(), zero).all().get(30, TimeUnit.SECONDS);
        }
        container.start();

        depositOfOneIsProjectedAlone("d-3", 6_802L, before);
    }

    /** A deposit of 1 into acc-1, published now, shows, and no other event is projected with it. */
    private void depositOfOneIsProjectedAlone(String transferId, long postedAfter, double projectedBefore) {
        LEDGER.publish(STREAM.deposit(transferId, "acc-1", 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.find("acc-1", ReadScope.everything())
                .map(AccountView::posted)
                .orElse(0L) == postedAfter);
        // the deposit's other two events are on other partitions, which may wait for the rebalance after the restart
        await().atMost(Duration.ofSeconds(30)).until(() -> projectedEvents() >= projectedBefore + 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> projectedEvents() == projectedBefore + 3);
    }

    private static List<EventEnvelope> history() {
        STREAM.open("acc-1", "alice", "USD");
        STREAM.open("acc-2", "bob", "USD");
        STREAM.open("acc-3", "carol", "USD");
        STREAM.deposit("d-1", "acc-1", 10_000);
        STREAM.transfer("t-1", "acc-1", "acc-2", 2_500);
        STREAM.transfer("t-2", "acc-2", "acc-3", 1_000);
        STREAM.reject("t-3", "acc-3", "acc-1", 5_000, "INSUFFICIENT_FUNDS");
        STREAM.hold("p-1", "acc-1", "acc-2", 1_000, 30L);
        STREAM.hold("p-2", "acc-2", "acc-3", 300, null);
        STREAM.postPending("p-1", "acc-1", "acc-2", 1_000, 700);
        STREAM.hold("p-3", "acc-3", "acc-1", 200, 1L);
        STREAM.release("p-2", "acc-2", "acc-3", 300, false);
        STREAM.release("p-3", "acc-3", "acc-1", 200, true);
        STREAM.hold("p-4", "acc-1", "acc-3", 50, null);
        return STREAM.all();
    }

    private VolumeSeries volume() {
        return dashboard.volume(VolumeQuery.parse("USD", "minute", "2026-11-29T10:00:00Z", "2026-11-29T10:02:00Z",
                Instant.now()));
    }

    private void awaitProjectedEvents(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> projectedEvents() >= count);
        assertThat(projectedEvents()).isEqualTo(count);
    }

    private double projectedEvents() {
        return meters.find("ledgerflow.projection.events").counters().stream().mapToDouble(Counter::count).sum();
    }
}
