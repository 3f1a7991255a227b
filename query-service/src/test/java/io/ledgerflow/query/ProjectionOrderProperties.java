package io.ledgerflow.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.Batches;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.Projections;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever order and however often events arrive (redelivery, replay, a rebalance, a dead letter retried by hand),
 * and however they are cut into batches, the projections end up as if every event had been applied once, in order.
 */
class ProjectionOrderProperties {

    private static final List<EventEnvelope> HISTORY = history();

    private static MongoClient client;
    private static Map<String, List<Document>> inOrder;

    @BeforeContainer
    static void projectInOrder() {
        client = MongoClients.create(Infrastructure.mongoConnectionString());
        MongoDatabase database = client.getDatabase(Infrastructure.newMongoDatabaseName());
        new Projections(database).applyEach(HISTORY);
        inOrder = ProjectionSnapshot.of(database);
    }

    @AfterContainer
    static void disconnect() {
        client.close();
    }

    @Property(tries = 40)
    void anyOrderWithDuplicatesInAnyBatchesGivesTheInOrderDocuments(
            @ForAll("deliveries") List<EventEnvelope> deliveries, @ForAll("batchSizes") List<Integer> batchSizes) {
        MongoDatabase database = client.getDatabase(Infrastructure.newMongoDatabaseName());
        Projections projections = new Projections(database);

        Batches.cut(deliveries, batchSizes).forEach(projections::apply);

        assertThat(ProjectionSnapshot.of(database)).isEqualTo(inOrder);
        database.drop();
    }

    /** Every event at least once, some twice, shuffled. */
    @Provide
    Arbitrary<List<EventEnvelope>> deliveries() {
        return Arbitraries.subsetOf(HISTORY).map(duplicates -> {
            List<EventEnvelope> all = new ArrayList<>(HISTORY);
            all.addAll(duplicates);
            return all;
        }).flatMap(all -> Arbitraries.shuffle(all));
    }

    /** From one event per batch to all of them in one. */
    @Provide
    Arbitrary<List<Integer>> batchSizes() {
        return Arbitraries.integers().between(1, 2 * HISTORY.size()).list().ofMinSize(1).ofMaxSize(10);
    }

    private static List<EventEnvelope> history() {
        LedgerStream stream = new LedgerStream();
        stream.open("acc-1", "alice", "USD");
        stream.open("acc-2", "bob", "USD");
        stream.deposit("d-1", "acc-1", 10_000);
        stream.freeze("acc-1");
        stream.deposit("d-2", "acc-1", 700);
        stream.unfreeze("acc-1");
        stream.changeOverdraftLimit("acc-1", 300);
        stream.transfer("t-1", "acc-1", "acc-2", 2_500);
        stream.withdraw("w-1", "acc-2", 500);
        stream.freeze("acc-2");
        stream.open("acc-3", "carol", "USD");
        stream.close("acc-3");
        stream.reopen("acc-3");
        stream.close("acc-3");
        stream.reject("t-2", "acc-2", "acc-1", 99_999, "INSUFFICIENT_FUNDS");
        return stream.all();
    }
}
