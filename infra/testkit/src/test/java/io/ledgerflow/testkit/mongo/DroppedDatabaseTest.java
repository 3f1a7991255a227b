package io.ledgerflow.testkit.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.testkit.MongoWireServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database dropped while clients write to it, as the query-service's projections are when their database is lost
 * and rebuilt: once the drops stop, the database works again. The library's backend took the dropped database out of
 * its map before dropping its maps, so a request in between opened a new database on maps about to be closed, and
 * every later write to it failed with "Map ... is closed" (seen in a benchmark's rebuild, which then never started).
 */
class DroppedDatabaseTest {

    @TempDir
    Path directory;

    private MongoWireServer server;
    private MongoClient client;
    private final ExecutorService writers = Executors.newFixedThreadPool(4);

    @BeforeEach
    void start() {
        server = MongoWireServer.start(0, directory.resolve("ledgerflow.mv"));
        client = MongoClients.create(server.connectionString());
    }

    @AfterEach
    void stop() {
        writers.shutdownNow();
        client.close();
        server.close();
    }

    @Test
    void a_database_dropped_while_clients_write_to_it_takes_writes_again_afterwards() throws Exception {
        AtomicBoolean dropping = new AtomicBoolean(true);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String collection = "c" + w;
            running.add(writers.submit(() -> {
                MongoCollection<Document> documents = client.getDatabase("ledgerflow").getCollection(collection);
                for (long i = 0; dropping.get(); i++) {
                    try {
                        documents.updateOne(eq("_id", "doc-" + (i % 50)), set("n", i), new UpdateOptions().upsert(true));
                    } catch (RuntimeException racedWithTheDrop) {
                        // a write in flight while its database is dropped may fail; what matters is afterwards
                    }
                }
            }));
        }
        for (int i = 0; i < 300; i++) {
            client.getDatabase("ledgerflow").drop();
        }
        dropping.set(false);
        for (Future<?> writer : running) {
            writer.get(30, TimeUnit.SECONDS);
        }

        for (int w = 0; w < 4; w++) {
            MongoCollection<Document> documents = client.getDatabase("ledgerflow").getCollection("c" + w);
            documents.updateOne(eq("_id", "after"), set("n", 1L), new UpdateOptions().upsert(true));
            assertThat(documents.find(eq("_id", "after")).first()).as("c" + w).isNotNull();
        }
    }
}
