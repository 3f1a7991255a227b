package io.ledgerflow.query.messaging;

import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.QueryServiceProperties;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projection database dropped under a running service: the projections are rebuilt from offset zero, on
 * busy and idle partitions alike, not continued from the current offsets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DroppedDatabaseTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 4);

    @Autowired
    MongoDatabase database;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        registry.add("spring.kafka.listener.idle-event-interval", () -> "500ms");
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @Test
    void aDatabaseDroppedWhileRunningIsRebuiltWithEveryEventOldAndNew() {
        LedgerStream stream = new LedgerStream();
        stream.open("acc-1", "alice", "USD");
        stream.open("acc-2", "bob", "USD");
        stream.open("acc-3", "carol", "USD");
        stream.deposit("d-1", "acc-1", 10_000);
        stream.transfer("t-1", "acc-1", "acc-2", 2_500);
        List<EventEnvelope> before = stream.all();
        LEDGER.publish(before);
        awaitDocuments(4 + 4 + 2);

        database.drop();
        assertThat(ProjectionSnapshot.documentCount(ProjectionSnapshot.of(database))).isZero();
        List<EventEnvelope> after = stream.deposit("d-2", "acc-3", 700);
        LEDGER.publish(after);

        // accounts: acc-1..3 and @world:USD; entries: two per posting; transfers d-1, t-1, d-2
        Map<String, List<Document>> rebuilt = awaitDocuments(4 + 6 + 3);
        assertThat(rebuilt.get(ProjectionCollections.ACCOUNTS)).extracting(account -> account.get("_id"))
                .containsExactlyInAnyOrder("acc-1", "acc-2", "acc-3", "@world:USD");
        assertThat(rebuilt.get(ProjectionCollections.ACCOUNTS))
                .filteredOn(account -> account.get("_id").equals("acc-2"))
                .singleElement().satisfies(account -> assertThat(account.get("posted")).isEqualTo(2_500L));
        assertThat(rebuilt.get(ProjectionCollections.TRANSFERS)).extracting(transfer -> transfer.get("_id"))
                .containsExactlyInAnyOrder("d-1", "t-1", "d-2");
    }

    private Map<String, List<Document>> awaitDocuments(int count) {
        await().atMost(Duration.ofSeconds(60)).until(
                () -> ProjectionSnapshot.documentCount(ProjectionSnapshot.of(database)) >= count);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(
                () -> ProjectionSnapshot.documentCount(ProjectionSnapshot.of(database)) == count);
        return ProjectionSnapshot.of(database);
    }
}
