package io.ledgerflow.testkit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

class MongoWireServerTest {

    @Test
    void insertsAndFindsWithTheSyncDriver() {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.shared();
        try (MongoClient client = MongoClients.create(infrastructure.mongoConnectionString())) {
            MongoCollection<Document> accounts = client.getDatabase(infrastructure.newMongoDatabaseName()).getCollection("accounts");

            accounts.insertOne(new Document("_id", "acc-1").append("posted", 7500L));

            assertThat(accounts.find(eq("_id", "acc-1")).first()).containsEntry("posted", 7500L);
        }
    }

    @Test
    void reportsAPortInUseAndLeavesTheStorageFileUsable(@TempDir Path directory) {
        Path storage = directory.resolve("projections.mv");
        try (MongoWireServer running = MongoWireServer.start()) {
            assertThatThrownBy(() -> MongoWireServer.start(running.port(), storage))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + running.port());
        }
        try (MongoWireServer onAFreePort = MongoWireServer.start(0, storage)) {
            assertThat(onAFreePort.storageFile()).isEqualTo(storage);
        }
    }

    @Test
    void anH2StorageFileSurvivesARestart(@TempDir Path directory) {
        Path storage = directory.resolve("mongo/projections.mv");
        try (MongoWireServer first = MongoWireServer.start(0, storage);
             MongoClient client = MongoClients.create(first.connectionString())) {
            client.getDatabase("ledgerflow").getCollection("accounts").insertOne(new Document("_id", "acc-1").append("version", 3));
        }

        try (MongoWireServer second = MongoWireServer.start(0, storage);
             MongoClient client = MongoClients.create(second.connectionString())) {
            Document account = client.getDatabase("ledgerflow").getCollection("accounts").find(eq("_id", "acc-1")).first();
            assertThat(account).containsEntry("version", 3);
        }
    }
}
