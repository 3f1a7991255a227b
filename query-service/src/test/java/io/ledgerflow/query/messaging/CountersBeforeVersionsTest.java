package io.ledgerflow.query.messaging;

import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.support.LedgerFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read with a consistency token waits for the accounts' and transfers' versions, and then may read the dashboard
 * too: the counters must have counted a batch before the documents that carry versions are written.
 */
class CountersBeforeVersionsTest {

    private final List<String> written = new ArrayList<>();

    @Test
    void a_batch_is_counted_before_the_versions_are_written() {
        ProjectionDispatcher dispatcher = new ProjectionDispatcher(List.of(new Versions()), List.of(new Counters()),
                new SimpleMeterRegistry());

        dispatcher.dispatchRecords(records());

        assertThat(written).containsExactly("counters", "versions");
    }

    @Test
    void an_event_applied_out_of_its_place_is_counted_before_the_versions_are_written() {
        ProjectionDispatcher dispatcher = new ProjectionDispatcher(List.of(new Versions()), List.of(new Counters()),
                new SimpleMeterRegistry());

        dispatcher.dispatch(LedgerFixture.events());

        assertThat(written).containsExactly("counters", "versions");
    }

    private static List<LedgerRecord> records() {
        List<LedgerRecord> records = new ArrayList<>();
        for (EventEnvelope envelope : LedgerFixture.events()) {
            records.add(new LedgerRecord("ledger", 0, records.size(), envelope));
        }
        return records;
    }

    private final class Versions implements EventProjection {

        @Override
        public boolean handles(LedgerEvent event) {
            return true;
        }

        @Override
        public List<Bulk> writesFor(List<EventEnvelope> envelopes) {
            written.add("versions");
            return List.of();
        }
    }

    private final class Counters implements RecordProjection {

        @Override
        public boolean handles(LedgerEvent event) {
            return true;
        }

        @Override
        public void project(List<LedgerRecord> records) {
            written.add("counters");
        }

        @Override
        public void projectOutOfPlace(List<EventEnvelope> envelopes) {
            written.add("counters");
        }
    }
}
