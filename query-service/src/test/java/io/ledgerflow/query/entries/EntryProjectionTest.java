package io.ledgerflow.query.entries;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.ProjectionTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

class EntryProjectionTest extends ProjectionTestBase {

    @Test
    void everyPostingBecomesOneEntryWithTheBalanceAfterIt() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        projections.apply(stream.open("acc-2", "bob", "USD"));
        List<EventEnvelope> deposit = stream.deposit("d-1", "acc-1", 10_000);
        projections.apply(deposit);
        projections.apply(stream.transfer("t-1", "acc-1", "acc-2", 2_500));

        List<Document> entries = database.getCollection("entries").find(eq("accountId", "acc-1"))
                .sort(new Document("position", 1)).into(new ArrayList<>());
        EventEnvelope credit = deposit.get(deposit.size() - 1);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).containsEntry("_id", "acc-1#1").containsEntry("transferId", "d-1")
                .containsEntry("kind", "CREDIT").containsEntry("amount", 10_000L)
                .containsEntry("balanceAfter", 10_000L).containsEntry("pending", false)
                .containsEntry("at", Date.from(credit.time())).containsEntry("position", credit.position());
        assertThat(entries.get(1)).containsEntry("_id", "acc-1#2").containsEntry("transferId", "t-1")
                .containsEntry("kind", "DEBIT").containsEntry("amount", 2_500L).containsEntry("balanceAfter", 7_500L);
        assertThat(database.getCollection("entries").countDocuments()).isEqualTo(4);
    }

    @Test
    void theSettlementAccountGetsEntriesBelowZero() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        projections.apply(stream.deposit("d-1", "acc-1", 10_000));

        Document worldEntry = database.getCollection("entries").find(eq("accountId", "@world:USD")).first();

        assertThat(worldEntry).containsEntry("kind", "DEBIT").containsEntry("balanceAfter", -10_000L);
    }
}
