package io.ledgerflow.query.transfer;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.query.support.ProjectionTestBase;
import io.ledgerflow.query.support.Projections;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

class TransferProjectionTest extends ProjectionTestBase {

    @Test
    void postedTransferIsPostedWithItsTermsAndTimes() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        EventEnvelope posted = stream.deposit("d-1", "acc-1", 10_000).stream()
                .filter(envelope -> envelope.event() instanceof TransferPosted).findFirst().orElseThrow();
        projections.apply(stream.all());

        Date at = Date.from(posted.time());
        assertThat(transfer("d-1")).containsEntry("kind", "DEPOSIT").containsEntry("debitAccountId", "@world:USD")
                .containsEntry("creditAccountId", "acc-1").containsEntry("amount", 10_000L)
                .containsEntry("currency", "USD").containsEntry("status", "POSTED")
                .containsEntry("postedAmount", 10_000L).containsEntry("pending", false)
                .containsEntry("timeoutSeconds", null).containsEntry("reference", "ref-DEPOSIT")
                .containsEntry("rejectionCode", null).containsEntry("createdAt", at).containsEntry("resolvedAt", at)
                .containsEntry("metadata", new Document("k", "v")).containsEntry("version", 1L);
    }

    @Test
    void rejectedTransferKeepsItsRejectionCodeAndMovesNoMoney() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        projections.apply(stream.open("acc-2", "bob", "USD"));
        EventEnvelope rejected = stream.reject("t-9", "acc-1", "acc-2", 1_000_000, "INSUFFICIENT_FUNDS");
        projections.apply(rejected);

        Date at = Date.from(rejected.time());
        assertThat(transfer("t-9")).containsEntry("status", "REJECTED").containsEntry("postedAmount", 0L)
                .containsEntry("rejectionCode", "INSUFFICIENT_FUNDS").containsEntry("amount", 1_000_000L)
                .containsEntry("createdAt", at).containsEntry("resolvedAt", at);
        assertThat(account("acc-1")).containsEntry("posted", 0L).containsEntry("version", 1L);
    }

    /** Who may read a rejected transfer depends on its creator, so it must survive redelivery, resolution, replay. */
    @Test
    void aTransferRecordsItsCreatorOnceAndRedeliveryOrReplayLeavesTheSameDocument() {
        stream.open("acc-1", "alice", "USD");
        stream.open("acc-2", "bob", "USD");
        EventEnvelope rejected = stream.by("mallory").reject("t-9", "acc-1", "acc-2", 500, "ACCOUNT_NOT_FOUND");
        stream.by("alice").hold("p-1", "acc-1", "acc-2", 50, null);
        stream.by("operator").release("p-1", "acc-1", "acc-2", 50, false);
        List<EventEnvelope> history = stream.all();
        projections.apply(history);
        Document rejectedOnce = transfer("t-9");
        Document holdOnce = transfer("p-1");

        projections.apply(rejected);
        projections.applyEach(history);

        assertThat(rejectedOnce).containsEntry("status", "REJECTED").containsEntry("createdBy", "mallory");
        assertThat(holdOnce).as("a resolution keeps the creator").containsEntry("status", "VOIDED")
                .containsEntry("createdBy", "alice");
        assertThat(transfer("t-9")).isEqualTo(rejectedOnce);
        assertThat(transfer("p-1")).isEqualTo(holdOnce);
        var replayed = newDatabase();
        new Projections(replayed).apply(history);
        assertThat(replayed.getCollection("transfers").find(eq("_id", "t-9")).first()).isEqualTo(rejectedOnce);
        assertThat(replayed.getCollection("transfers").find(eq("_id", "p-1")).first()).isEqualTo(holdOnce);
    }
}
