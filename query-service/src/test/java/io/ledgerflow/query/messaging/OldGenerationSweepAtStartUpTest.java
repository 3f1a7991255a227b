package io.ledgerflow.query.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The instance that switched to generation 2 stopped before its drop grace passed: generation 1 (and the initial one)
 * were left behind. A service starting on that database drops them by itself, and keeps generation 2.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OldGenerationSweepAtStartUpTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 1);
    private static final String DATABASE = Infrastructure.newMongoDatabaseName();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.register(registry, Infrastructure::kafkaBootstrapServers,
                Infrastructure::mongoConnectionString, () -> DATABASE, () -> LEDGER);
        QueryServiceProperties.registerAuthorizationServer(registry);
        leftBehindBySwitchOneHourAgo();
    }

    private static void leftBehindBySwitchOneHourAgo() {
        try (MongoClient client = MongoClients.create(Infrastructure.mongoConnectionString())) {
            ProjectionCollections collections = new ProjectionCollections(client.getDatabase(DATABASE));
            for (String generation : new String[]{"0", "1", "2"}) {
                collections.in(generation, () -> {
                    collections.accounts().insertOne(new Document("_id", "acc-g" + generation));
                    return null;
                });
            }
            collections.projectionState().insertOne(new Document("_id", CurrentGeneration.DOCUMENT_ID)
                    .append("generation", "2").append("previous", "1")
                    .append("switchedAt", Date.from(Instant.now().minus(Duration.ofHours(1)))));
        }
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @Test
    void a_starting_service_drops_the_generations_a_stopped_one_left_behind() {
        try (MongoClient client = MongoClients.create(Infrastructure.mongoConnectionString())) {
            ProjectionCollections collections = new ProjectionCollections(client.getDatabase(DATABASE));

            await().atMost(Duration.ofSeconds(30)).until(collections::generationsPresent,
                    present -> !present.contains("1"));

            assertThat(collections.generationsPresent()).containsExactly("2");
            assertThat(collections.in("2", () -> collections.accounts().find().first()))
                    .isEqualTo(new Document("_id", "acc-g2"));
        }
    }
}
