package io.ledgerflow.query.dashboard;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.LedgerRecord;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.Projections;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random transfer histories (single-phase, rejected, holds posted in part, voided, expired or left pending) in two
 * currencies, on a three-partition topic where the publisher sends a tail of the history a second time (at new
 * offsets) and the consumer reads in random polls, going back on partitions as a crash or a rebalance does, and a
 * few events are dead letters retried by hand afterwards, twice: every copy of them skipped where it was read, or
 * only the first (the copies the publisher sent again were read after an upgrade that could decode them). The
 * dashboard equals a straightforward replay of the distinct events.
 */
class DashboardCountingProperties {

    private static final String TOPIC = "ledger.events.v1";
    private static final int PARTITIONS = 3;

    private static MongoClient client;

    @BeforeContainer
    static void connect() {
        client = MongoClients.create(Infrastructure.mongoConnectionString());
    }

    @AfterContainer
    static void disconnect() {
        client.close();
    }

    /**
     * @param kinds       one transfer per element: 0 single-phase, 1 rejected, 2 hold posted in part, 3 hold voided,
     *                    4 hold expired, 5 hold left pending
     * @param republished how many of the history's last events the publisher sends again
     * @param takes       records each poll takes of each partition, in turn
     * @param rewinds     how far a partition is read again after each of the first polls, in turn
     * @param poisoned    indexes (modulo its size) of the history's events that are dead letters
     * @param copiesRead  whether a dead letter's copies sent again are read and counted (only its first is dead)
     */
    @Property(tries = 40)
    void theCountersEqualAReplayOfTheDistinctEvents(
            @ForAll @Size(min = 1, max = 16) List<@IntRange(min = 0, max = 5) Integer> kinds,
            @ForAll @IntRange(min = 0, max = 30) int republished,
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 1, max = 10) Integer> takes,
            @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 12) Integer> rewinds,
            @ForAll @Size(max = 3) Set<@IntRange(min = 0, max = 200) Integer> poisoned,
            @ForAll boolean copiesRead) {
        List<EventEnvelope> history = history(kinds);
        List<EventEnvelope> published = new ArrayList<>(history);
        published.addAll(history.subList(Math.max(0, history.size() - republished), history.size()));
        List<EventEnvelope> deadLetters = poisoned.stream().map(i -> history.get(i % history.size())).distinct()
                .toList();
        MongoDatabase database = client.getDatabase(Infrastructure.newMongoDatabaseName());
        Projections projections = new Projections(database);
        DashboardQueries dashboard = new DashboardQueries(new ProjectionCollections(database), new ReadTimeLimit(Duration.ofSeconds(5)));

        List<List<LedgerRecord>> polls = polls(published, takes, rewinds);
        Map<EventEnvelope, Long> firstOffsets = new HashMap<>();
        polls.forEach(poll -> poll.forEach(record -> firstOffsets.merge(record.envelope(), record.offset(), Math::min)));
        Predicate<LedgerRecord> dead = record -> deadLetters.contains(record.envelope())
                && (!copiesRead || record.offset() == firstOffsets.get(record.envelope()));
        for (List<LedgerRecord> poll : polls) {
            projections.applyRecords(poll.stream().filter(dead.negate()).toList());
        }
        deadLetters.forEach(projections::apply);
        deadLetters.forEach(projections::apply);

        ReplayedDashboard replayed = new ReplayedDashboard(history);
        assertThat(dashboard.totals()).isEqualTo(replayed.totals());
        Instant from = Bucket.MINUTE.floor(LedgerStream.START);
        for (String currency : List.of("USD", "EUR")) {
            for (Bucket bucket : Bucket.values()) {
                Instant to = bucket.plus(bucket.floor(from), 3);
                VolumeQuery query = new VolumeQuery(currency, bucket, bucket.floor(from), to);
                assertThat(dashboard.volume(query)).as(currency + " per " + bucket)
                        .isEqualTo(replayed.volume(currency, bucket, bucket.floor(from), to));
            }
        }
        database.drop();
    }

    private static List<EventEnvelope> history(List<Integer> kinds) {
        LedgerStream stream = new LedgerStream();
        for (String currency : List.of("USD", "EUR")) {
            stream.open(currency + "-1", "alice", currency);
            stream.open(currency + "-2", "bob", currency);
            stream.deposit("d-" + currency, currency + "-1", 1_000_000);
        }
        stream.freeze("EUR-2");
        for (int i = 0; i < kinds.size(); i++) {
            String currency = i % 2 == 0 ? "USD" : "EUR";
            String id = "t-" + i;
            long amount = 100L * (i + 1);
            switch (kinds.get(i)) {
                case 0 -> stream.transfer(id, currency + "-1", currency + "-2", amount);
                case 1 -> stream.reject(id, currency + "-2", currency + "-1", amount, "INSUFFICIENT_FUNDS");
                default -> stream.hold(id, currency + "-1", currency + "-2", amount, 60L);
            }
        }
        stream.open("USD-3", "carol", "USD");
        stream.close("USD-3");
        for (int i = 0; i < kinds.size(); i++) {
            String currency = i % 2 == 0 ? "USD" : "EUR";
            String id = "t-" + i;
            long amount = 100L * (i + 1);
            switch (kinds.get(i)) {
                case 2 -> stream.postPending(id, currency + "-1", currency + "-2", amount, amount - i);
                case 3 -> stream.release(id, currency + "-1", currency + "-2", amount, false);
                case 4 -> stream.release(id, currency + "-1", currency + "-2", amount, true);
                default -> {
                    // settled already, or left pending
                }
            }
        }
        return stream.all();
    }

    /** The published events on their partitions, read in polls that take some of each and may go back. */
    private static List<List<LedgerRecord>> polls(List<EventEnvelope> published, List<Integer> takes,
                                                  List<Integer> rewinds) {
        List<List<LedgerRecord>> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new ArrayList<>());
        }
        for (EventEnvelope envelope : published) {
            int partition = Math.floorMod(envelope.aggregateId().hashCode(), PARTITIONS);
            List<LedgerRecord> records = partitions.get(partition);
            records.add(new LedgerRecord(TOPIC, partition, records.size(), envelope));
        }
        int[] next = new int[PARTITIONS];
        List<List<LedgerRecord>> polls = new ArrayList<>();
        for (int turn = 0; !allRead(partitions, next); ) {
            List<LedgerRecord> poll = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++, turn++) {
                List<LedgerRecord> partition = partitions.get(p);
                int to = Math.min(partition.size(), next[p] + takes.get(turn % takes.size()));
                poll.addAll(partition.subList(next[p], to));
                next[p] = turn < rewinds.size() ? Math.max(0, to - rewinds.get(turn)) : to;
            }
            polls.add(poll);
        }
        return polls;
    }

    private static boolean allRead(List<List<LedgerRecord>> partitions, int[] next) {
        for (int p = 0; p < PARTITIONS; p++) {
            if (next[p] < partitions.get(p).size()) {
                return false;
            }
        }
        return true;
    }
}
