package io.ledgerflow.query.support;

import io.ledgerflow.testkit.EmbeddedInfrastructure;

/** The test kit's Kafka broker and MongoDB wire server, started once per JVM on first use. */
public final class Infrastructure {

    private static final EmbeddedInfrastructure SERVERS = EmbeddedInfrastructure.onDemand();

    private Infrastructure() {
    }

    public static String kafkaBootstrapServers() {
        return SERVERS.kafkaBootstrapServers();
    }

    public static String mongoConnectionString() {
        return SERVERS.mongoConnectionString();
    }

    public static String newMongoDatabaseName() {
        return SERVERS.newMongoDatabaseName();
    }
}
