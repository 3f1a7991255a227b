package io.ledgerflow.query.support;

import io.ledgerflow.testkit.EmbeddedInfrastructure;

/** The shared embedded Kafka broker and MongoDB wire server of the test kit, started once per JVM. */
public final class Infrastructure {

    private Infrastructure() {
    }

    public static String kafkaBootstrapServers() {
        return EmbeddedInfrastructure.kafka().kafkaBootstrapServers();
    }

    public static String mongoConnectionString() {
        return EmbeddedInfrastructure.mongo().mongoConnectionString();
    }

    public static String newMongoDatabaseName() {
        return EmbeddedInfrastructure.mongo().newMongoDatabaseName();
    }
}
