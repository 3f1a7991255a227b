package io.ledgerflow.query;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.ProjectionTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionIdempotenceTest extends ProjectionTestBase {

    @Test
    void theSameEventsDeliveredTwiceLeaveIdenticalDocuments() {
        stream.open("acc-1", "alice", "USD");
        stream.open("acc-2", "bob", "USD");
        stream.deposit("d-1", "acc-1", 10_000);
        stream.transfer("t-1", "acc-1", "acc-2", 2_500);
        stream.freeze("acc-2");
        stream.changeOverdraftLimit("acc-1", 100);
        stream.reject("t-2", "acc-2", "acc-1", 99_999, "INSUFFICIENT_FUNDS");
        List<EventEnvelope> history = stream.all();
        projections.apply(history);
        Map<String, List<Document>> once = ProjectionSnapshot.of(database);

        projections.apply(history);

        assertThat(ProjectionSnapshot.of(database)).isEqualTo(once);
        // 3 accounts (with @world:USD), 4 entries, 3 transfers
        assertThat(ProjectionSnapshot.documentCount(once)).isEqualTo(3 + 4 + 3);
    }
}
