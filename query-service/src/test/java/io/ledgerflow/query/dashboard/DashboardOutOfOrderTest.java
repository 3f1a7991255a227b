package io.ledgerflow.query.dashboard;

import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPendingPosted;
import io.ledgerflow.query.messaging.LedgerRecord;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.ProjectionTestBase;
import io.ledgerflow.query.support.Projections;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send that timed out can leave a transfer's later event on the topic before its earlier one, which the publisher
 * then sends again with the later one: seq 1, seq 0, seq 1. The dashboard counts each sequence once, whatever came
 * first; it used to count only sequences above the highest one seen, and lost the hold for good.
 */
class DashboardOutOfOrderTest extends ProjectionTestBase {

    private static final String TOPIC = "ledger.events.v1";

    @Test
    void a_resolution_read_before_its_hold_counts_both_in_one_batch_and_across_batches() {
        stream.open("a", "alice", "USD");
        stream.open("b", "bob", "USD");
        stream.deposit("d-1", "a", 1_000);
        stream.hold("p-1", "a", "b", 300, 60L);
        stream.postPending("p-1", "a", "b", 300, 200);
        List<EventEnvelope> history = stream.all();
        EventEnvelope hold = only(history, TransferPending.class);
        EventEnvelope posted = only(history, TransferPendingPosted.class);
        List<EventEnvelope> published = new ArrayList<>(history);
        published.remove(hold); // its first send timed out after the posting was written
        published.add(hold);
        published.add(posted);
        ReplayedDashboard replayed = new ReplayedDashboard(history);

        for (boolean oneBatch : new boolean[]{true, false}) {
            MongoDatabase database = newDatabase();
            Projections projections = new Projections(database);
            List<LedgerRecord> records = new ArrayList<>();
            for (EventEnvelope envelope : published) {
                records.add(new LedgerRecord(TOPIC, 0, records.size(), envelope));
            }
            if (oneBatch) {
                projections.applyRecords(records);
            } else {
                records.forEach(record -> projections.applyRecords(List.of(record)));
            }
            DashboardQueries dashboard = new DashboardQueries(new ProjectionCollections(database), new ReadTimeLimit(Duration.ofSeconds(5)));

            assertThat(dashboard.totals()).as(oneBatch ? "in one batch" : "one record a batch")
                    .isEqualTo(replayed.totals());
            Instant from = Bucket.DAY.floor(LedgerStream.START);
            assertThat(dashboard.volume(new VolumeQuery("USD", Bucket.DAY, from, Bucket.DAY.plus(from, 1))))
                    .isEqualTo(replayed.volume("USD", Bucket.DAY, from, Bucket.DAY.plus(from, 1)));
            database.drop();
        }
    }

    private static EventEnvelope only(List<EventEnvelope> history, Class<?> type) {
        return history.stream().filter(envelope -> type.isInstance(envelope.event())).findFirst().orElseThrow();
    }
}
