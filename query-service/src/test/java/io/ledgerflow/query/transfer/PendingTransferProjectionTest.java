package io.ledgerflow.query.transfer;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.ProjectionTestBase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-phase transfers in the projections: holds show as pending amounts (and reduce available), the transfer's
 * status follows PENDING → POSTED / VOIDED / EXPIRED, and a hold appears in the statement only once posted.
 */
class PendingTransferProjectionTest extends ProjectionTestBase {

    @BeforeEach
    void funded() {
        stream.open("acc-1", "alice", "USD");
        stream.open("acc-2", "bob", "USD");
        stream.deposit("d-1", "acc-1", 10_000);
    }

    @Test
    void aPendingTransferReservesOnBothAccountsAndWritesNoEntry() {
        List<EventEnvelope> hold = stream.hold("p-1", "acc-1", "acc-2", 2_500, 60L);
        projections.apply(stream.all());

        assertThat(account("acc-1")).containsEntry("posted", 10_000L).containsEntry("pendingDebits", 2_500L)
                .containsEntry("pendingCredits", 0L);
        assertThat(account("acc-2")).containsEntry("posted", 0L).containsEntry("pendingCredits", 2_500L);
        Date at = Date.from(hold.get(2).time());
        assertThat(transfer("p-1")).containsEntry("status", "PENDING").containsEntry("pending", true)
                .containsEntry("timeoutSeconds", 60L).containsEntry("postedAmount", 0L)
                .containsEntry("createdAt", at).containsEntry("resolvedAt", null);
        assertThat(database.getCollection("entries").countDocuments(new Document("transferId", "p-1"))).isZero();
    }

    @Test
    void aHoldProjectedAfterItsResolutionStillShowsWhenAndByWhomItWasCreated() {
        EventEnvelope pending = stream.hold("p-1", "acc-1", "acc-2", 2_500, 60L).get(2);
        EventEnvelope voided = stream.release("p-1", "acc-1", "acc-2", 2_500, false).get(2);

        projections.apply(List.of(voided));
        projections.apply(List.of(pending));
        projections.apply(List.of(pending));

        assertThat(transfer("p-1")).containsEntry("status", "VOIDED").containsEntry("timeoutSeconds", 60L)
                .containsEntry("createdAt", Date.from(pending.time()))
                .containsEntry("resolvedAt", Date.from(voided.time()))
                .containsEntry(TransferProjection.CREATED_BY, pending.principal());
    }

    @Test
    void aRefusedHoldShowsAsARejectedPendingTransferWithItsTimeout() {
        stream.rejectHold("p-1", "acc-1", "acc-2", 50_000, 60L, "INSUFFICIENT_FUNDS");
        stream.reject("t-1", "acc-1", "acc-2", 50_000, "INSUFFICIENT_FUNDS");
        projections.apply(stream.all());

        assertThat(transfer("p-1")).containsEntry("status", "REJECTED").containsEntry("pending", true)
                .containsEntry("timeoutSeconds", 60L).containsEntry("rejectionCode", "INSUFFICIENT_FUNDS");
        assertThat(transfer("t-1")).containsEntry("status", "REJECTED").containsEntry("pending", false)
                .containsEntry("timeoutSeconds", null);
        assertThat(account("acc-1")).containsEntry("pendingDebits", 0L);
    }

    @Test
    void aPartlyPostedTransferIsPostedWithItsAmountAndItsEntries() {
        List<EventEnvelope> hold = stream.hold("p-1", "acc-1", "acc-2", 2_500, null);
        List<EventEnvelope> post = stream.postPending("p-1", "acc-1", "acc-2", 2_500, 2_000);
        projections.apply(stream.all());

        assertThat(account("acc-1")).containsEntry("posted", 8_000L).containsEntry("pendingDebits", 0L);
        assertThat(account("acc-2")).containsEntry("posted", 2_000L).containsEntry("pendingCredits", 0L);
        assertThat(transfer("p-1")).containsEntry("status", "POSTED").containsEntry("postedAmount", 2_000L)
                .containsEntry("amount", 2_500L).containsEntry("pending", true)
                .containsEntry("createdAt", Date.from(hold.get(2).time()))
                .containsEntry("resolvedAt", Date.from(post.get(2).time()));
        assertThat(database.getCollection("entries").countDocuments(new Document("transferId", "p-1"))).isEqualTo(2);
    }

    @Test
    void voidedAndExpiredTransfersReleaseTheReservations() {
        stream.hold("p-1", "acc-1", "acc-2", 2_500, null);
        stream.hold("p-2", "acc-1", "acc-2", 1_000, 1L);
        stream.release("p-1", "acc-1", "acc-2", 2_500, false);
        stream.release("p-2", "acc-1", "acc-2", 1_000, true);
        projections.apply(stream.all());

        assertThat(account("acc-1")).containsEntry("posted", 10_000L).containsEntry("pendingDebits", 0L);
        assertThat(account("acc-2")).containsEntry("pendingCredits", 0L);
        assertThat(transfer("p-1")).containsEntry("status", "VOIDED").containsEntry("postedAmount", 0L);
        assertThat(transfer("p-2")).containsEntry("status", "EXPIRED").containsEntry("timeoutSeconds", 1L);
    }

    @Test
    void redeliveringTheWholeHistoryLeavesIdenticalDocuments() {
        stream.hold("p-1", "acc-1", "acc-2", 2_500, 30L);
        stream.postPending("p-1", "acc-1", "acc-2", 2_500, 2_500);
        stream.hold("p-2", "acc-1", "acc-2", 1_000, null);
        stream.release("p-2", "acc-1", "acc-2", 1_000, false);
        projections.apply(stream.all());
        Map<String, List<Document>> once = ProjectionSnapshot.of(database);

        projections.apply(stream.all());

        assertThat(ProjectionSnapshot.of(database)).isEqualTo(once);
        assertThat(transfer("p-1")).containsEntry("status", "POSTED");
        assertThat(account("acc-1")).containsEntry("posted", 7_500L).containsEntry("pendingDebits", 0L);
    }
}
