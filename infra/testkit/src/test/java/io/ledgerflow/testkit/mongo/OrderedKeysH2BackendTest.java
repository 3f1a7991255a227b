package io.ledgerflow.testkit.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.ledgerflow.testkit.MongoWireServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.inc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderedKeysH2BackendTest {

    @Test
    void index_keys_are_ordered_by_their_values_not_by_their_serialised_bytes() {
        MongoKeyType keys = new MongoKeyType();

        assertThat(keys.compare(new KeyValue(2L), new KeyValue(10L))).isNegative();
        assertThat(keys.compare(new KeyValue("acc-10"), new KeyValue("acc-9"))).isNegative();
        assertThat(keys.compare(new KeyValue("a", 2), new KeyValue("a", 1))).isPositive();
        assertThat(keys.compare(new KeyValue("a"), new KeyValue("a", 1))).isNegative();
        assertThat(keys.compare(new KeyValue("same"), new KeyValue("same"))).isZero();
    }

    @Test
    void documents_found_updated_and_refused_by_id_across_a_restart(@TempDir Path directory) {
        Path storage = directory.resolve("mongo/ledgerflow.mv");
        onDatabase(storage, database -> {
            MongoCollection<Document> accounts = database.getCollection("accounts");
            for (int i = 0; i < 500; i++) {
                accounts.insertOne(new Document("_id", "acc-" + i).append("version", 1L));
            }
        });

        try (MongoWireServer server = MongoWireServer.start(0, storage);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> accounts = client.getDatabase("ledgerflow").getCollection("accounts");
            for (int i = 0; i < 500; i += 7) {
                assertThat(accounts.find(eq("_id", "acc-" + i)).first()).containsEntry("version", 1L);
                accounts.updateOne(eq("_id", "acc-" + i), inc("version", 1L), new UpdateOptions().upsert(true));
                assertThat(accounts.find(eq("_id", "acc-" + i)).first()).containsEntry("version", 2L);
            }
            assertThat(accounts.countDocuments()).as("every update found its document: no upsert inserted another")
                    .isEqualTo(500);
            assertThatThrownBy(() -> accounts.insertOne(new Document("_id", "acc-250")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
    }

    @Test
    void a_file_written_in_the_librarys_own_key_order_is_moved_aside_and_the_store_starts_empty(
            @TempDir Path directory) throws Exception {
        Path storage = directory.resolve("ledgerflow.mv");
        MongoServer old = new MongoServer(new H2Backend(storage.toString()));
        old.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + old.getLocalAddress().getPort())) {
            client.getDatabase("ledgerflow").getCollection("accounts").insertOne(new Document("_id", "acc-1"));
        } finally {
            old.shutdownNow();
        }

        try (MongoWireServer server = MongoWireServer.start(0, storage);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("ledgerflow").getCollection("accounts").countDocuments()).isZero();
        }
        assertThat(Files.exists(directory.resolve("ledgerflow.mv.old-format"))).isTrue();

        try (MongoWireServer server = MongoWireServer.start(0, storage);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("ledgerflow").getCollection("accounts").insertOne(new Document("_id", "acc-2"));
        }
        try (MongoWireServer server = MongoWireServer.start(0, storage);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("ledgerflow").getCollection("accounts").find(eq("_id", "acc-2")).first())
                    .as("a file this backend wrote is kept").isNotNull();
        }
    }

    @Test
    void a_database_dropped_and_written_again_keeps_its_documents_across_the_next_restart(@TempDir Path directory) {
        Path storage = directory.resolve("ledgerflow.mv");
        Document account = new Document("_id", "acc-1").append("owner", "owner-1");
        onDatabase(storage, database -> {
            database.getCollection("accounts").createIndex(new Document("owner", 1), new IndexOptions().unique(true));
            for (int i = 0; i < 500; i++) {
                database.getCollection("accounts").insertOne(new Document("_id", "acc-" + i).append("owner", "owner-" + i));
            }
        });

        onDatabase(storage, database -> {
            database.drop(); // before anything opened the collection in this process
            assertThat(database.getCollection("accounts").countDocuments()).isZero();
            database.getCollection("accounts").insertOne(account);
        });

        onDatabase(storage, database -> assertThat(database.getCollection("accounts").find().into(new ArrayList<>()))
                .containsExactly(account));
    }

    @Test
    void a_file_in_this_backends_earlier_format_is_moved_aside(@TempDir Path directory) {
        Path storage = directory.resolve("ledgerflow.mv");
        MVStore earlier = MVStore.open(storage.toString());
        earlier.<String, String>openMap("ledgerflow.format").put("index-key-order", "mongo-values-v1");
        earlier.openMap("databases.ledgerflow.accounts").put("acc-1", "a serialised document");
        earlier.close();

        try (MongoWireServer server = MongoWireServer.start(0, storage);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("ledgerflow").getCollection("accounts").countDocuments()).isZero();
        }
        assertThat(directory.resolve("ledgerflow.mv.old-format")).exists();
    }

    /** The database "ledgerflow" of a stand-in on this file, started for the call and stopped after it. */
    private static void onDatabase(Path storage, Consumer<MongoDatabase> use) {
        try (MongoWireServer server = MongoWireServer.start(0, storage);
             MongoClient client = MongoClients.create(server.connectionString())) {
            use.accept(client.getDatabase("ledgerflow"));
        }
    }
}
