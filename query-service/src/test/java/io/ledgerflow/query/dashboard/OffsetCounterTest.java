package io.ledgerflow.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import io.ledgerflow.query.mongo.BsonReads;
import io.ledgerflow.query.support.Infrastructure;

/** The counters against the MongoDB wire server, counting the reads they send. */
class OffsetCounterTest {

    private static final AtomicInteger finds = new AtomicInteger();
    private static final AtomicInteger updates = new AtomicInteger();
    private static MongoClient client;

    private MongoCollection<Document> counters;
    private OffsetCounter counter;

    @BeforeAll
    static void connect() {
        client = Infrastructure.mongoClientWatchedBy(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if ("find".equals(event.getCommandName())) {
                    finds.incrementAndGet();
                } else if ("update".equals(event.getCommandName())) {
                    updates.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void newCounters() {
        counters = client.getDatabase(Infrastructure.newMongoDatabaseName()).getCollection("counters");
        counter = new OffsetCounter(() -> counters);
    }

    @Test
    void once_it_has_written_a_document_the_next_batch_writes_it_without_reading_it_first() {
        counter.add("p0", new Document(), records(0, 1, 2));
        int afterFirst = finds.get();

        counter.add("p0", new Document(), records(3, 4));
        counter.add("p0", new Document(), records(5));

        assertThat(finds.get()).as("reads after the first batch").isEqualTo(afterFirst);
        assertThat(count("p0")).isEqualTo(6);
        assertThat(counters.find(Filters.eq("_id", "p0")).first().getLong(OffsetCounter.UP_TO)).isEqualTo(5);
    }

    @Test
    void records_delivered_again_are_counted_once() {
        counter.add("p0", new Document(), records(0, 1, 2));
        counter.add("p0", new Document(), records(1, 2, 3));
        counter.add("p0", new Document(), records(2));

        assertThat(count("p0")).isEqualTo(4);
    }

    @Test
    void another_writer_that_moved_the_document_on_is_read_and_its_records_are_not_counted_again() {
        counter.add("p0", new Document(), records(0, 1));
        // a consumer of another process took the partition over and counted offsets 2 and 3
        new OffsetCounter(() -> counters).add("p0", new Document(), records(2, 3));

        counter.add("p0", new Document(), records(2, 3, 4));

        assertThat(count("p0")).isEqualTo(5);
    }

    @Test
    void a_lost_database_rebuilt_from_offset_zero_is_counted_again_despite_the_upTo_remembered() {
        counter.add("p0", new Document(), records(0, 1, 2, 3, 4));
        counters.drop();

        counter.add("p0", new Document(), records(0, 1, 2));
        counter.add("p0", new Document(), records(3, 4, 5));

        assertThat(count("p0")).isEqualTo(6);
    }

    @Test
    void a_document_set_back_behind_the_remembered_upTo_gets_the_records_after_its_own() {
        counter.add("p0", new Document(), records(0, 1, 2, 3));
        // restored from an older copy: it had counted offsets 0 and 1 only
        counters.updateOne(Filters.eq("_id", "p0"), Updates.combine(Updates.set(OffsetCounter.UP_TO, 1L),
                Updates.set("count", 2L)));

        counter.add("p0", new Document(), records(2, 3, 4));

        assertThat(count("p0")).isEqualTo(5);
    }

    @Test
    void a_count_written_as_an_int64_before_goes_on_past_the_largest_long_exactly() {
        counters.insertOne(new Document("_id", "p0").append(OffsetCounter.UP_TO, 0L)
                .append("count", Long.MAX_VALUE - 1));

        counter.add("p0", new Document(), records(1, 2, 3));

        assertThat(BsonReads.bigIntegerOf(counters.find(Filters.eq("_id", "p0")).first(), "count"))
                .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.TWO));
    }

    @Test
    void a_batch_for_several_documents_written_before_is_one_round_trip() {
        counter.addAll(Map.of("p0", counted(0, 1), "p1", counted(0)));
        int findsBefore = finds.get();
        int updatesBefore = updates.get();

        counter.addAll(Map.of("p0", counted(2, 3), "p1", counted(1, 2)));

        assertThat(finds.get() - findsBefore).as("reads").isZero();
        assertThat(updates.get() - updatesBefore).as("update commands").isEqualTo(1);
        assertThat(count("p0")).isEqualTo(4);
        assertThat(count("p1")).isEqualTo(3);
    }

    @Test
    void in_a_batch_for_several_documents_one_moved_on_by_another_writer_is_read_and_the_others_counted_once() {
        counter.addAll(Map.of("p0", counted(0, 1), "p1", counted(0, 1)));
        // a consumer of another process counted offsets 2 and 3 of the partition feeding p1
        new OffsetCounter(() -> counters).add("p1", new Document(), records(2, 3));

        counter.addAll(Map.of("p0", counted(2, 3), "p1", counted(2, 3, 4)));
        counter.addAll(Map.of("p0", counted(4), "p1", counted(5)));

        assertThat(count("p0")).isEqualTo(5);
        assertThat(count("p1")).isEqualTo(6);
    }

    private static OffsetCounter.Counted counted(long... offsets) {
        return new OffsetCounter.Counted(new Document(), records(offsets));
    }

    private long count(String id) {
        return BsonReads.bigIntegerOf(counters.find(Filters.eq("_id", id)).first(), "count").longValueExact();
    }

    private static List<OffsetCounter.Increment> records(long... offsets) {
        return java.util.Arrays.stream(offsets)
                .mapToObj(offset -> new OffsetCounter.Increment(offset, Instant.parse("2026-12-02T00:00:00Z"),
                        Map.of("count", 1L)))
                .toList();
    }
}
