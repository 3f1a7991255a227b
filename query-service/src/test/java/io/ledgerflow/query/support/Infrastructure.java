package io.ledgerflow.query.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
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

    /** A client of the MongoDB wire server that tells this listener of each command it sends. */
    public static MongoClient mongoClientWatchedBy(CommandListener listener) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongoConnectionString()))
                .addCommandListener(listener)
                .build());
    }

    public static String newMongoDatabaseName() {
        return SERVERS.newMongoDatabaseName();
    }
}
