package io.ledgerflow.query.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.ledgerflow.query.support.Infrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bulk writes against the test kit's MongoDB wire server: duplicate keys, in order and in any order. */
class BulkTest {

    private MongoClient client;
    private MongoCollection<Document> transfers;

    @BeforeEach
    void freshCollection() {
        client = MongoClients.create(Infrastructure.mongoConnectionString());
        transfers = client.getDatabase(Infrastructure.newMongoDatabaseName()).getCollection("transfers");
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void versionGuardedWritesInsertMissingDocumentsUpdateOlderOnesAndLeaveNewerOnes() {
        transfers.insertMany(List.of(new Document("_id", "older").append("version", 1L).append("status", "PENDING"),
                new Document("_id", "newer").append("version", 5L).append("status", "POSTED")));

        Bulk.inAnyOrder(transfers, List.of(
                VersionGuard.ifNewer("missing", 1, new Document("status", "POSTED")),
                VersionGuard.ifNewer("older", 2, new Document("status", "VOIDED")),
                VersionGuard.ifNewer("newer", 2, new Document("status", "VOIDED")))).execute();

        assertThat(all()).containsExactly(
                new Document("_id", "missing").append("version", 1L).append("status", "POSTED"),
                new Document("_id", "newer").append("version", 5L).append("status", "POSTED"),
                new Document("_id", "older").append("version", 2L).append("status", "VOIDED"));
    }

    @Test
    void inAnyOrderTheUpsertsThatInsertedTheirDocumentAreReported() {
        transfers.insertOne(new Document("_id", "there").append("n", 1));
        UpdateOptions upsert = new UpdateOptions().upsert(true);

        Set<Integer> inserted = Bulk.inAnyOrder(transfers, List.of(
                GuardedWrite.of(new UpdateOneModel<>(eq("_id", "there"), inc("n", 1), upsert)),
                GuardedWrite.of(new UpdateOneModel<>(eq("_id", "new"), inc("n", 1), upsert)),
                GuardedWrite.of(new UpdateOneModel<>(eq("_id", "new"), inc("n", 1), upsert)),
                GuardedWrite.of(new UpdateOneModel<>(eq("_id", "also-new"), inc("n", 1), upsert))))
                .executeReportingInserts();

        assertThat(inserted).containsExactlyInAnyOrder(1, 3);
        assertThat(transfers.find(eq("_id", "new")).first()).containsEntry("n", 2);
    }

    @Test
    void inAnyOrderEveryWriteIsTriedAndTheRefusedOnesFallBack() {
        transfers.insertMany(List.of(new Document("_id", "a").append("version", 3L),
                new Document("_id", "c").append("version", 3L)));

        Bulk.inAnyOrder(transfers, List.of(refusedWithFallback("a"),
                VersionGuard.ifNewer("b", 1, new Document("x", 1)), refusedWithFallback("c"))).execute();

        assertThat(all()).containsExactly(
                new Document("_id", "a").append("version", 3L).append("fellBack", true),
                new Document("_id", "b").append("version", 1L).append("x", 1),
                new Document("_id", "c").append("version", 3L).append("fellBack", true));
    }

    /** MongoDB stops an ordered bulk at its first error; the wire server goes on, so the rest may be written twice. */
    @Test
    void inOrderTheWritesAfterARefusedOneStillRun() {
        transfers.insertOne(new Document("_id", "a").append("version", 3L));

        Bulk.inOrder(transfers, List.of(VersionGuard.ifNewer("b", 1, new Document("step", 1)),
                refusedWithFallback("a"),
                GuardedWrite.of(new UpdateOneModel<>(eq("_id", "a"), set("after", "refused"))),
                GuardedWrite.of(new UpdateOneModel<>(eq("_id", "b"), set("step", 2))))).execute();

        assertThat(all()).containsExactly(
                new Document("_id", "a").append("version", 3L).append("fellBack", true).append("after", "refused"),
                new Document("_id", "b").append("version", 1L).append("step", 2));
    }

    @Test
    void aDuplicateKeyWithoutFallbackMeansTheDocumentIsThereAlready() {
        transfers.insertOne(new Document("_id", "a").append("version", 3L));

        Bulk.inOrder(transfers, List.of(GuardedWrite.of(VersionGuard.ifNewer("a", 2, new Document("x", 1)).write()),
                VersionGuard.ifNewer("b", 1, new Document("x", 1)))).execute();

        assertThat(all()).containsExactly(new Document("_id", "a").append("version", 3L),
                new Document("_id", "b").append("version", 1L).append("x", 1));
    }

    @Test
    void inOrderInsertsDeliveredAgainAreFoundInOneRoundTripNotRefusedOneByOne() {
        List<String> commands = new CopyOnWriteArrayList<>();
        try (MongoClient counted = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(Infrastructure.mongoConnectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.add(event.getCommandName());
                    }
                }).build())) {
            MongoCollection<Document> history = counted.getDatabase(transfers.getNamespace().getDatabaseName())
                    .getCollection("history");
            history.insertMany(Stream.of("a#1", "a#2", "a#3").map(id -> new Document("_id", id)).toList());
            commands.clear();

            Bulk.inOrder(history, Stream.of("a#1", "a#2", "a#3", "a#4")
                    .map(id -> GuardedWrite.of(new InsertOneModel<>(new Document("_id", id)))).toList()).execute();

            // refused at a#1; a#2 and a#3 found there; a#4 inserted
            assertThat(commands).containsExactly("insert", "find", "insert");
            assertThat(history.find().sort(Sorts.ascending("_id")).map(document -> document.getString("_id"))
                    .into(new ArrayList<>())).containsExactly("a#1", "a#2", "a#3", "a#4");
        }
    }

    @Test
    void anyOtherRefusalIsThrown() {
        transfers.insertOne(new Document("_id", "a").append("status", "POSTED"));

        for (boolean ordered : new boolean[]{true, false}) {
            Bulk bulk = new Bulk(transfers, ordered, List.of(refusedWithFallback("a"),
                    GuardedWrite.of(new UpdateOneModel<>(eq("_id", "a"), inc("status", 1)))));
            assertThatThrownBy(bulk::execute).isInstanceOf(MongoBulkWriteException.class);
        }
    }

    /** Refused: the document exists; the fallback marks it, to show that it ran. */
    private static GuardedWrite refusedWithFallback(String id) {
        return new GuardedWrite(VersionGuard.ifNewer(id, 2, new Document("x", 1)).write(),
                new UpdateOneModel<>(eq("_id", id), set("fellBack", true)));
    }

    private List<Document> all() {
        return transfers.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
