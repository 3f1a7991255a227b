package io.ledgerflow.query.support;

import io.ledgerflow.testkit.http.Api;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query-service as it runs: a real Kafka broker and MongoDB wire server (embedded, over sockets) and the real
 * authorization server issuing the tokens. The classes that share this context share one topic, holding the
 * {@link LedgerFixture} published once per JVM, and one database; HTTP calls come from outside.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:generous-rate-limits.properties")
public abstract class QueryServiceTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);
    private static boolean published;

    @LocalServerPort
    int port;
    @Autowired
    protected MongoDatabase database;

    /** Unauthenticated. */
    protected Api anonymous;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        QueryServiceProperties.registerAuthorizationServer(registry);
    }

    @BeforeEach
    void theFixtureIsProjected() {
        publishOnce();
        anonymous = new Api("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, List<Document>> documents = projectionDocuments();
            // four accounts (with @world:USD) at version 3, eight postings, five transfers
            assertThat(documents.get(ProjectionCollections.ACCOUNTS)).hasSize(4)
                    .allSatisfy(account -> assertThat(account.get(VersionGuard.VERSION)).isEqualTo(3L));
            assertThat(documents.get(ProjectionCollections.ENTRIES)).hasSize(8);
            assertThat(documents.get(ProjectionCollections.TRANSFERS)).hasSize(5);
        });
    }

    protected int port() {
        return port;
    }

    /**
     * The topic this context projects. Its documents must keep the fixture's shape for every class that shares it,
     * so a class may publish the fixture's events again (the projections absorb them: redelivery) but nothing new.
     */
    protected static LedgerTopicClient ledger() {
        return LEDGER;
    }

    /** A client of the authorization server: alice, bob (role client), operator, viewer, auditor or admin. */
    protected Api as(String clientId) {
        return anonymous.as(token(clientId));
    }

    /** A real client-credentials token; the test kit reuses it while it has minutes to live. */
    protected static String token(String clientId) {
        return AuthorizationServer.shared().token(clientId);
    }

    /** Every projection document, by collection, to prove that a request changed none. */
    protected Map<String, List<Document>> projectionDocuments() {
        return ProjectionSnapshot.of(database);
    }

    private static synchronized void publishOnce() {
        if (!published) {
            LEDGER.publish(LedgerFixture.events());
            published = true;
        }
    }
}
