package io.ledgerflow.query;

import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same read API tests on real Kafka and MongoDB containers; skipped where there is no Docker. Tokens still come
 * from the test kit's authorization server, which runs as a child JVM, not a container.
 */
@Testcontainers(disabledWithoutDocker = true)
class QueryApiContainersTest extends AbstractQueryApiTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    private static LedgerTopicClient ledger;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.register(registry, KAFKA::getBootstrapServers, MONGO::getConnectionString,
                () -> "ledgerflow", QueryApiContainersTest::ledgerTopic);
        QueryServiceProperties.registerAuthorizationServer(registry);
    }

    private static synchronized LedgerTopicClient ledgerTopic() {
        if (ledger == null) {
            ledger = LedgerTopicClient.createTopic(KAFKA.getBootstrapServers(), 3);
        }
        return ledger;
    }

    @AfterAll
    static void closeProducer() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Override
    protected LedgerTopicClient ledger() {
        return ledgerTopic();
    }
}
