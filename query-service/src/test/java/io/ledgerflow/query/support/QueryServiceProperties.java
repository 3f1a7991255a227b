package io.ledgerflow.query.support;

import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.UUID;
import java.util.function.Supplier;

/** Points a test's application at given infrastructure, with its own topic, database and consumer group. */
public final class QueryServiceProperties {

    private QueryServiceProperties() {
    }

    public static void register(DynamicPropertyRegistry registry, Supplier<Object> kafkaBootstrapServers,
                                Supplier<Object> mongoUri, Supplier<Object> mongoDatabase,
                                Supplier<LedgerTopicClient> ledger) {
        registry.add("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        registry.add("spring.kafka.consumer.group-id", () -> "query-projections-" + UUID.randomUUID());
        registry.add("spring.kafka.listener.concurrency", () -> 2);
        registry.add("ledgerflow.mongodb.uri", mongoUri);
        registry.add("ledgerflow.mongodb.database", mongoDatabase);
        registry.add("ledgerflow.kafka.topic", () -> ledger.get().topic());
        registry.add("ledgerflow.kafka.dead-letter-topic", () -> ledger.get().deadLetterTopic());
        registry.add("ledgerflow.kafka.retry.initial-interval", () -> "50ms");
    }

    /** Tokens from the test kit's real authorization server (a child JVM, started on first use). */
    public static void registerAuthorizationServer(DynamicPropertyRegistry registry) {
        registry.add("ledgerflow.security.issuer", () -> AuthorizationServer.shared().issuer());
        registry.add("ledgerflow.security.jwk-set-uri", () -> AuthorizationServer.shared().jwkSetUri());
    }

    /** For the embedded test kit. */
    public static void registerEmbedded(DynamicPropertyRegistry registry, Supplier<LedgerTopicClient> ledger) {
        String database = Infrastructure.newMongoDatabaseName();
        register(registry, Infrastructure::kafkaBootstrapServers, Infrastructure::mongoConnectionString,
                () -> database, ledger);
    }
}
