package io.ledgerflow.query.support;

import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.account.AccountProjection;
import io.ledgerflow.query.dashboard.DashboardProjection;
import io.ledgerflow.query.entries.EntryProjection;
import io.ledgerflow.query.messaging.LedgerRecord;
import io.ledgerflow.query.messaging.ProjectionDispatcher;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.pairing.LegSettlement;
import io.ledgerflow.query.transfer.TransferProjection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.List;

/** The projections wired as the application wires them, without Spring or Kafka. */
public final class Projections {

    private final ProjectionDispatcher dispatcher;

    public Projections(MongoDatabase database) {
        this(database, ProjectionCollections.INITIAL_GENERATION);
    }

    /** Writing {@code generation}'s collections, as a rebuild does. */
    public Projections(MongoDatabase database, String generation) {
        ProjectionCollections collections = new ProjectionCollections(database);
        collections.follow(generation);
        collections.createIndexes();
        this.dispatcher = new ProjectionDispatcher(List.of(new AccountProjection(collections),
                new EntryProjection(collections), new TransferProjection(collections), new LegSettlement(collections)),
                List.of(new DashboardProjection(collections)), new SimpleMeterRegistry());
    }

    /** Records read from the topic, as one batch: the dashboard's counters need their offsets. */
    public void applyRecords(List<LedgerRecord> batch) {
        dispatcher.dispatchRecords(batch);
    }

    /**
     * As one batch, as the listener hands over one poll's records, but without their offsets: the dashboard counts
     * them as events applied out of their place, once per event id (see {@link #applyRecords}).
     */
    public void apply(List<EventEnvelope> batch) {
        dispatcher.dispatch(batch);
    }

    public void apply(EventEnvelope envelope) {
        dispatcher.dispatch(List.of(envelope));
    }

    /** One batch per event, in this order. */
    public void applyEach(List<EventEnvelope> envelopes) {
        envelopes.forEach(this::apply);
    }
}
