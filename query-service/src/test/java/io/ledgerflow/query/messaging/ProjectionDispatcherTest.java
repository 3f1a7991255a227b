package io.ledgerflow.query.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoDatabase;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.account.AccountProjection;
import io.ledgerflow.query.dashboard.DashboardProjection;
import io.ledgerflow.query.entries.EntryProjection;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.LedgerFixture;
import io.ledgerflow.query.support.ProjectionTestBase;
import io.ledgerflow.query.transfer.TransferProjection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ProjectionDispatcherTest extends ProjectionTestBase {

    @Test
    void the_helpers_write_the_generation_of_the_consumer_thread_that_handed_them_the_batch() {
        MongoDatabase database = newDatabase();
        ProjectionCollections collections = new ProjectionCollections(database);
        try (ParallelWrites writes = new ParallelWrites(3)) {
            ProjectionDispatcher dispatcher = new ProjectionDispatcher(List.of(new AccountProjection(collections),
                    new EntryProjection(collections), new TransferProjection(collections)),
                    List.of(new DashboardProjection(collections)), writes, collections, new SimpleMeterRegistry());
            List<LedgerRecord> batch = new ArrayList<>();
            for (EventEnvelope envelope : LedgerFixture.events()) {
                batch.add(new LedgerRecord("ledger.events.v1", 0, batch.size(), envelope));
            }

            collections.writeTo("7"); // a rebuild's consumer thread; generation 0 stays current
            try {
                dispatcher.dispatchRecords(batch);
            } finally {
                collections.writeTo(null);
            }
        }

        for (String projection : ProjectionCollections.PROJECTIONS) {
            assertThat(database.getCollection(ProjectionCollections.nameOf(projection, "7")).countDocuments())
                    .as(projection + " in generation 7").isPositive();
            assertThat(database.getCollection(projection).countDocuments())
                    .as(projection + " in the current generation").isZero();
        }
    }
}
