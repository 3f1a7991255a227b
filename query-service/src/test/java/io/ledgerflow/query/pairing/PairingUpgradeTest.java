package io.ledgerflow.query.pairing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerflow.query.messaging.ProjectionRebuilds;
import io.ledgerflow.query.messaging.RebuildStatus;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.Projections;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.query.support.LedgerStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database projected before the pairs of legs (accounts with legs, no balance history) is rebuilt on start, so
 * that no step straddling the upgrade is left unsettled; one projected with them is not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PairingUpgradeTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 1);
    private static final String DATABASE = Infrastructure.newMongoDatabaseName();

    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    PairingUpgrade upgrade;

    @DynamicPropertySource
    static void aDatabaseProjectedBeforeThePairs(DynamicPropertyRegistry registry) {
        try (MongoClient client = MongoClients.create(Infrastructure.mongoConnectionString())) {
            client.getDatabase(DATABASE).getCollection(ProjectionCollections.ACCOUNTS).insertOne(new Document("_id", "old")
                    .append("version", 3L).append("balancesVersion", 3L).append("posted", 500L)
                    .append("openedAt", new java.util.Date()));
        }
        QueryServiceProperties.register(registry, Infrastructure::kafkaBootstrapServers,
                Infrastructure::mongoConnectionString, () -> DATABASE, () -> LEDGER);
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @Test
    void a_generation_without_balance_history_is_rebuilt_on_start() {
        await().atMost(Duration.ofSeconds(60)).until(() -> rebuilds.status()
                .filter(status -> ProjectionRebuilds.DONE.equals(status.state())).isPresent());

        assertThat(rebuilds.status().map(RebuildStatus::generation)).contains("1");
        assertThat(upgrade.projectedBeforePairs()).isFalse();
    }

    @Test
    void a_generation_projected_with_the_pairs_is_not() {
        try (MongoClient client = MongoClients.create(Infrastructure.mongoConnectionString())) {
            var database = client.getDatabase(Infrastructure.newMongoDatabaseName());
            LedgerStream stream = new LedgerStream();
            stream.open("a", "owner", "EUR");
            stream.deposit("d-1", "a", 100);
            new Projections(database).applyEach(stream.all());
            ProjectionCollections collections = new ProjectionCollections(database);

            assertThat(new PairingUpgrade(collections, rebuilds).projectedBeforePairs()).isFalse();
            collections.balanceHistory().drop();
            assertThat(new PairingUpgrade(collections, rebuilds).projectedBeforePairs()).isTrue();
            database.drop();
        }
    }
}
