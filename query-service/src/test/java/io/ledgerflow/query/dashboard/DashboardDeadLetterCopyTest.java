package io.ledgerflow.query.dashboard;

import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferPosted;
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
 * A transfer event dead-lettered by a query-service that could not decode it, then published again by the publisher
 * (a send that timed out) and read, after an upgrade, where it could be decoded: the copy is counted where it was
 * read. Retrying the dead letter by hand afterwards must not count the transfer a second time, nor may the copy
 * after a retry.
 */
class DashboardDeadLetterCopyTest extends ProjectionTestBase {

    private static final String TOPIC = "ledger.events.v1";

    @Test
    void a_retried_dead_letter_whose_copy_was_counted_first_is_not_counted_again() {
        assertCountedOnce(true);
    }

    @Test
    void a_copy_read_after_its_dead_letter_was_retried_is_not_counted_again() {
        assertCountedOnce(false);
    }

    private void assertCountedOnce(boolean copyFirst) {
        stream.open("a", "alice", "USD");
        stream.open("b", "bob", "USD");
        stream.deposit("d-1", "a", 1_000);
        stream.transfer("t-1", "a", "b", 300);
        List<EventEnvelope> history = stream.all();
        EventEnvelope posted = history.stream()
                .filter(envelope -> envelope.event() instanceof TransferPosted p && p.transferId().equals("t-1"))
                .findFirst().orElseThrow();
        List<LedgerRecord> read = new ArrayList<>();
        for (EventEnvelope envelope : history) {
            if (envelope != posted) { // its first copy is the dead letter: skipped where it was read
                read.add(new LedgerRecord(TOPIC, 0, read.size(), envelope));
            }
        }
        LedgerRecord copy = new LedgerRecord(TOPIC, 0, read.size() + 1, posted);
        MongoDatabase database = newDatabase();
        Projections projections = new Projections(database);

        projections.applyRecords(read);
        if (copyFirst) {
            projections.applyRecords(List.of(copy));
            projections.apply(List.of(posted)); // the dead letter retried by an admin
        } else {
            projections.apply(List.of(posted));
            projections.applyRecords(List.of(copy));
        }
        projections.apply(List.of(posted)); // and retried again

        ReplayedDashboard replayed = new ReplayedDashboard(history);
        DashboardQueries dashboard = new DashboardQueries(new ProjectionCollections(database), new ReadTimeLimit(Duration.ofSeconds(5)));
        assertThat(dashboard.totals()).isEqualTo(replayed.totals());
        Instant from = Bucket.DAY.floor(LedgerStream.START);
        assertThat(dashboard.volume(new VolumeQuery("USD", Bucket.DAY, from, Bucket.DAY.plus(from, 1))))
                .isEqualTo(replayed.volume("USD", Bucket.DAY, from, Bucket.DAY.plus(from, 1)));
        database.drop();
    }
}
