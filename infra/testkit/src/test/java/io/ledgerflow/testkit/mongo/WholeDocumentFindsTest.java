package io.ledgerflow.testkit.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.ledgerflow.testkit.MongoWireServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB applies an update to a document atomically: a find sees the document before it or after it, never half of
 * it. The projections rely on that (an account's balances and the version they come from are set by one update).
 * mongo-java-server's in-memory backend changed the stored document field by field, in place, while a find encoded
 * that same object for the wire on another thread: a reader saw new balances beside the old version.
 */
class WholeDocumentFindsTest {

    private static final int FIELDS = 32;
    private static final int UPDATES = 3_000;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "stored in {0}")
    @ValueSource(strings = {"memory", "file"})
    void a_find_never_sees_half_an_update(String storage) throws InterruptedException {
        try (MongoWireServer server = MongoWireServer.start(0,
                "file".equals(storage) ? directory.resolve("ledgerflow.mv") : null);
             MongoClient writerClient = MongoClients.create(server.connectionString());
             MongoClient readerClient = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> written = writerClient.getDatabase("ledgerflow").getCollection("accounts");
            MongoCollection<Document> read = readerClient.getDatabase("ledgerflow").getCollection("accounts");
            written.insertOne(everyField(new Document("_id", "acc-1"), 0));

            AtomicBoolean done = new AtomicBoolean();
            List<String> torn = new ArrayList<>();
            Thread reader = new Thread(() -> {
                while (!done.get() && torn.isEmpty()) {
                    Document found = read.find(eq("_id", "acc-1")).first();
                    Set<Object> values = new HashSet<>();
                    for (int field = 0; field < FIELDS; field++) {
                        values.add(found.get("f" + field));
                    }
                    if (values.size() != 1) {
                        torn.add("a find saw the values " + values);
                    }
                }
            });
            reader.start();
            for (int update = 1; update <= UPDATES && reader.isAlive(); update++) {
                written.updateOne(eq("_id", "acc-1"), setEveryField(update));
            }
            done.set(true);
            reader.join();

            assertThat(torn).isEmpty();
            assertThat(read.find(eq("_id", "acc-1")).first().get("f0")).isEqualTo((long) UPDATES);
        }
    }

    private static Document everyField(Document document, long value) {
        for (int field = 0; field < FIELDS; field++) {
            document.append("f" + field, value);
        }
        return document;
    }

    private static Bson setEveryField(long value) {
        List<Bson> sets = new ArrayList<>();
        for (int field = 0; field < FIELDS; field++) {
            sets.add(Updates.set("f" + field, value));
        }
        return Updates.combine(sets);
    }
}
