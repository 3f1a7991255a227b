package io.ledgerflow.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.Projections;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topic as the consumer reads it: each aggregate's events in order on its partition, polls that take a few
 * records of every partition into one batch, and partitions read again from an earlier offset (a crash before the
 * checkpoint, a rebalance). Pending transfers and their resolutions included, whose events are not complete
 * snapshots: the projections must equal every event applied once, in order.
 */
class ProjectionRedeliveryProperties {

    private static final int PARTITIONS = 3;
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

    /**
     * @param takes    records each poll takes of each partition, in turn
     * @param rewinds  how far a partition is read again after each of the first polls, in turn
     */
    @Property(tries = 30)
    void batchesOfEveryPartitionReadAgainFromEarlierOffsetsGiveTheInOrderDocuments(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 12) Integer> takes,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 15) Integer> rewinds) {
        MongoDatabase database = client.getDatabase(Infrastructure.newMongoDatabaseName());
        Projections projections = new Projections(database);

        polls(takes, rewinds).forEach(projections::apply);

        assertThat(ProjectionSnapshot.of(database)).isEqualTo(inOrder);
        database.drop();
    }

    private static List<List<EventEnvelope>> polls(List<Integer> takes, List<Integer> rewinds) {
        List<List<EventEnvelope>> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new ArrayList<>());
        }
        HISTORY.forEach(envelope -> partitions.get(Math.floorMod(envelope.aggregateId().hashCode(), PARTITIONS))
                .add(envelope));
        int[] next = new int[PARTITIONS];
        List<List<EventEnvelope>> polls = new ArrayList<>();
        for (int turn = 0; !allRead(partitions, next); ) {
            List<EventEnvelope> poll = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++, turn++) {
                List<EventEnvelope> partition = partitions.get(p);
                int to = Math.min(partition.size(), next[p] + takes.get(turn % takes.size()));
                poll.addAll(partition.subList(next[p], to));
                next[p] = turn < rewinds.size() ? Math.max(0, to - rewinds.get(turn)) : to;
            }
            polls.add(poll);
        }
        return polls;
    }

    private static boolean allRead(List<List<EventEnvelope>> partitions, int[] next) {
        for (int p = 0; p < PARTITIONS; p++) {
            if (next[p] < partitions.get(p).size()) {
                return false;
            }
        }
        return true;
    }

    private static List<EventEnvelope> history() {
        LedgerStream stream = new LedgerStream();
        stream.open("acc-1", "alice", "USD");
        stream.open("acc-2", "bob", "USD");
        stream.deposit("d-1", "acc-1", 10_000);
        stream.hold("p-1", "acc-1", "acc-2", 2_500, 30L);
        stream.freeze("acc-2");
        stream.postPending("p-1", "acc-1", "acc-2", 2_500, 2_000);
        stream.hold("p-2", "acc-1", "acc-2", 1_000, null);
        stream.changeOverdraftLimit("acc-1", 300);
        stream.release("p-2", "acc-1", "acc-2", 1_000, false);
        stream.hold("p-3", "acc-2", "acc-1", 500, 1L);
        stream.unfreeze("acc-2");
        stream.release("p-3", "acc-2", "acc-1", 500, true);
        stream.rejectHold("p-4", "acc-2", "acc-1", 99_999, 60L, "INSUFFICIENT_FUNDS");
        stream.transfer("t-1", "acc-1", "acc-2", 700);
        stream.open("acc-3", "carol", "USD");
        stream.close("acc-3");
        stream.reopen("acc-3");
        stream.withdraw("w-1", "acc-2", 100);
        return stream.all();
    }
}
