package io.ledgerflow.query.account;

import io.ledgerflow.query.pairing.SettledCuts;

import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.ProjectionTestBase;
import io.ledgerflow.query.support.Projections;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoClient;
import io.ledgerflow.testkit.MongoWireServer;

import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccountProjectionTest extends ProjectionTestBase {

    @Test
    void accountOpenedCreatesTheAccountWithZeroBalances() {
        EventEnvelope opened = stream.open(new AccountOpened("acc-1", "alice", "USD", 4000, 500,
                Map.of("tier", "gold"), false));

        projections.apply(opened);

        Date at = Date.from(opened.time());
        assertThat(account("acc-1")).containsEntry("ownerId", "alice").containsEntry("currency", "USD")
                .containsEntry("code", 4000).containsEntry("status", "OPEN").containsEntry("overdraftLimit", 500L)
                .containsEntry("posted", 0L).containsEntry("pendingDebits", 0L).containsEntry("pendingCredits", 0L)
                .containsEntry("version", 1L).containsEntry("system", false)
                .containsEntry("metadata", new Document("tier", "gold"))
                .containsEntry("openedAt", at).containsEntry("updatedAt", at)
                .containsEntry("position", opened.position());
    }

    @Test
    void metadataKeysWithDotsAndDollarsAreProjectedAsTheyAre() {
        Map<String, String> metadata = Map.of("$x", "1", "order.id", "2", "a$b", "3");

        projections.apply(stream.open(new AccountOpened("acc-1", "alice", "USD", null, 0, metadata, false)));

        assertThat(account("acc-1").get("metadata", Document.class)).containsExactlyInAnyOrderEntriesOf(metadata);
    }

    @Test
    void metadataKeysWithDotsAndDollarsAreProjectedAsTheyAreByTheLocalStacksStore(@TempDir Path directory) {
        Map<String, String> metadata = Map.of("$x", "1", "order.id", "2", "a$b", "3");
        try (MongoWireServer h2 = MongoWireServer.start(0, directory.resolve("mongo.mv"));
             MongoClient local = MongoClients.create(h2.connectionString())) {
            MongoDatabase onDisk = local.getDatabase("ledgerflow");
            new Projections(onDisk).apply(stream.open(new AccountOpened("acc-1", "alice", "USD", null, 0, metadata,
                    false)));

            assertThat(onDisk.getCollection("accounts").find().first().get("metadata", Document.class))
                    .containsExactlyInAnyOrderEntriesOf(metadata);
        }
    }

    @Test
    void postingsSetBalancesFromTheEventsAndVersionFromTheSequence() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        projections.apply(stream.open("acc-2", "bob", "USD"));
        projections.apply(stream.deposit("d-1", "acc-1", 10_000));
        List<EventEnvelope> transfer = stream.transfer("t-1", "acc-1", "acc-2", 2_500);
        projections.apply(transfer);

        assertThat(account("acc-1")).containsEntry("posted", 7_500L).containsEntry("version", 3L)
                .containsEntry("updatedAt", Date.from(transfer.get(1).time()));
        assertThat(account("acc-2")).containsEntry("posted", 2_500L).containsEntry("version", 2L);
        assertThat(account("@world:USD")).containsEntry("posted", -10_000L).containsEntry("system", true)
                .containsEntry("ownerId", "system");
    }

    @Test
    void anOlderEventAfterANewerOneDoesNotRegressTheAccount() {
        EventEnvelope opened = stream.open("acc-1", "alice", "USD");
        List<EventEnvelope> deposit = stream.deposit("d-1", "acc-1", 10_000);
        projections.apply(opened);
        projections.apply(deposit);
        projections.apply(stream.withdraw("w-1", "acc-1", 4_000));
        Document latest = account("acc-1");

        projections.apply(deposit.get(deposit.size() - 1));
        projections.apply(opened);

        assertThat(account("acc-1")).isEqualTo(latest).containsEntry("posted", 6_000L).containsEntry("version", 3L);
    }

    @Test
    void anOpeningProjectedAfterLaterEventsFillsInTheAccountWithoutRegressingIt() {
        stream.open(new AccountOpened("acc-1", "alice", "USD", 7, 300, Map.of("a", "b"), false));
        stream.deposit("d-1", "acc-1", 10_000);
        List<EventEnvelope> history = stream.all();
        projections.apply(history);
        Map<String, List<Document>> inOrder = ProjectionSnapshot.of(database);

        MongoDatabase reversed = newDatabase();
        Projections reversedProjections = new Projections(reversed);
        for (int i = history.size() - 1; i >= 0; i--) {
            reversedProjections.apply(history.get(i));
        }

        assertThat(ProjectionSnapshot.of(reversed)).isEqualTo(inOrder);
    }

    @Test
    void lifecycleEventsSetStatusAndOverdraftLimitAndAdvanceTheVersion() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        projections.apply(stream.deposit("d-1", "acc-1", 1_000));
        projections.apply(stream.freeze("acc-1"));
        assertThat(account("acc-1")).containsEntry("status", "FROZEN").containsEntry("posted", 1_000L)
                .containsEntry("version", 3L);

        EventEnvelope limit = stream.changeOverdraftLimit("acc-1", 250);
        projections.apply(limit);

        assertThat(account("acc-1")).containsEntry("status", "FROZEN").containsEntry("overdraftLimit", 250L)
                .containsEntry("version", 4L).containsEntry("updatedAt", Date.from(limit.time()))
                .containsEntry("position", limit.position());
        assertThat(AccountDocuments.toView(account("acc-1"), new SettledCuts.Cut(4, null)).available()).isEqualTo(1_250);
    }

    @Test
    void closingAndReopeningShowInTheStatus() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        projections.apply(stream.close("acc-1"));
        assertThat(account("acc-1")).containsEntry("status", "CLOSED").containsEntry("version", 2L);

        projections.apply(stream.reopen("acc-1"));

        assertThat(account("acc-1")).containsEntry("status", "OPEN").containsEntry("version", 3L);
    }

    @Test
    void aLifecycleEventDeliveredTwiceChangesNothingTheSecondTime() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        EventEnvelope frozen = stream.freeze("acc-1");
        projections.apply(frozen);
        projections.apply(stream.unfreeze("acc-1"));
        Document latest = account("acc-1");

        projections.apply(frozen);

        assertThat(account("acc-1")).isEqualTo(latest).containsEntry("status", "OPEN");
    }

    @Test
    void aFreezeArrivingAfterALaterCreditStillShowsAndTheCreditIsKept() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        EventEnvelope frozen = stream.freeze("acc-1");
        List<EventEnvelope> credit = stream.deposit("d-1", "acc-1", 700);

        projections.apply(credit);
        projections.apply(frozen);

        assertThat(account("acc-1")).containsEntry("status", "FROZEN").containsEntry("posted", 700L)
                .containsEntry("version", 3L).containsEntry("updatedAt", Date.from(credit.get(credit.size() - 1).time()));
    }

    @Test
    void aCreditArrivingAfterALaterOverdraftChangeStillLandsAndTheLimitIsKept() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        List<EventEnvelope> credit = stream.deposit("d-1", "acc-1", 700);
        EventEnvelope limit = stream.changeOverdraftLimit("acc-1", 90);

        projections.apply(limit);
        projections.apply(credit);

        assertThat(account("acc-1")).containsEntry("posted", 700L).containsEntry("overdraftLimit", 90L)
                .containsEntry("status", "OPEN").containsEntry("version", 3L)
                .as("the newer event's time and position, not the credit's")
                .containsEntry("updatedAt", Date.from(limit.time())).containsEntry("position", limit.position());
    }

    @Test
    void anOpeningArrivingAfterAFreezeDoesNotReopenTheAccount() {
        EventEnvelope opened = stream.open(new AccountOpened("acc-1", "alice", "USD", null, 40, Map.of(), false));
        EventEnvelope limit = stream.changeOverdraftLimit("acc-1", 80);
        EventEnvelope frozen = stream.freeze("acc-1");

        projections.apply(frozen);
        projections.apply(limit);
        projections.apply(opened);

        assertThat(account("acc-1")).containsEntry("status", "FROZEN").containsEntry("overdraftLimit", 80L)
                .containsEntry("ownerId", "alice").containsEntry("openedAt", Date.from(opened.time()))
                .containsEntry("posted", 0L).containsEntry("version", 3L);
    }

    @Test
    void aDocumentProjectedBeforeGroupVersionsExistedTakesNewEventsButNoOldOnes() {
        EventEnvelope opened = stream.open("acc-1", "alice", "USD");
        List<EventEnvelope> deposit = stream.deposit("d-1", "acc-1", 500);
        projections.apply(opened);
        projections.apply(deposit);
        database.getCollection("accounts").updateOne(new Document("_id", "acc-1"),
                new Document("$unset", new Document("stateVersion", "").append("balancesVersion", "")));

        projections.apply(stream.freeze("acc-1"));
        projections.apply(opened);
        projections.apply(deposit);
        projections.apply(stream.deposit("d-2", "acc-1", 1));

        assertThat(account("acc-1")).containsEntry("status", "FROZEN").containsEntry("posted", 501L)
                .containsEntry("version", 4L);
    }
}
