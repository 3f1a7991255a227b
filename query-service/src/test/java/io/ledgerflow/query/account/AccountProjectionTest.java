package io.ledgerflow.query.account;

import io.ledgerflow.query.pairing.SettledCuts;

import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.ProjectionCollections;
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

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
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

    @Test
    void aBatchWithManyEventsOfOneAccountWritesOnlyTheNewestOfEachGroup() {
        stream.open(new AccountOpened("acc-1", "alice", "USD", null, 100, Map.of("a", "b"), false));
        for (int i = 0; i < 10; i++) {
            stream.deposit("d-" + i, "acc-1", 100);
        }
        stream.freeze("acc-1");
        stream.changeOverdraftLimit("acc-1", 250);
        stream.unfreeze("acc-1");
        stream.withdraw("w-1", "acc-1", 50);
        List<EventEnvelope> events = stream.all().stream()
                .filter(envelope -> envelope.aggregateId().equals("acc-1")).toList();

        List<Bulk> bulks = new AccountProjection(new ProjectionCollections(database)).writesFor(events);

        // the balance history (one per leg); then the document if missing, the opening's identity, the newest
        // state, and the newest balances with the version (the newest event, the withdrawal, set them)
        assertThat(bulks).hasSize(2);
        assertThat(bulks.get(0).writes()).hasSize(11);
        assertThat(bulks.get(1).writes()).hasSize(4);
        bulks.forEach(Bulk::execute);
        assertThat(account("acc-1")).containsEntry("posted", 950L).containsEntry("status", "OPEN")
                .containsEntry("overdraftLimit", 250L).containsEntry("balancesVersion", 15L)
                .containsEntry("stateVersion", 14L).containsEntry("version", 15L)
                .containsEntry("updatedAt", Date.from(events.get(events.size() - 1).time()))
                .containsEntry("metadata", new Document("a", "b"));
        MongoDatabase oneByOne = newDatabase();
        new Projections(oneByOne).applyEach(events);
        assertThat(account("acc-1")).isEqualTo(oneByOne.getCollection("accounts").find().first());
    }

    @Test
    void noSingleWriteOfABatchLeavesTheBalancesAheadOfTheVersion() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        List<EventEnvelope> batch = new java.util.ArrayList<>(stream.deposit("d-1", "acc-1", 700));
        batch.add(stream.freeze("acc-1"));
        batch.addAll(stream.deposit("d-2", "acc-1", 50));
        batch.add(stream.changeOverdraftLimit("acc-1", 90));
        List<EventEnvelope> accountEvents = batch.stream()
                .filter(envelope -> envelope.aggregateId().equals("acc-1")).toList();
        ProjectionCollections collections = new ProjectionCollections(database);

        Bulk accounts = new AccountProjection(collections).writesFor(accountEvents).get(1);
        for (var write : accounts.writes()) {
            Bulk.inOrder(collections.accounts(), List.of(write)).execute();
            Document document = account("acc-1");
            assertThat(document.getLong("version")).as("a reader shows the balances as of the version")
                    .isGreaterThanOrEqualTo(document.getLong("balancesVersion"));
        }

        assertThat(account("acc-1")).containsEntry("posted", 750L).containsEntry("balancesVersion", 4L)
                .containsEntry("status", "FROZEN").containsEntry("overdraftLimit", 90L).containsEntry("version", 5L)
                .containsEntry("updatedAt", Date.from(accountEvents.get(accountEvents.size() - 1).time()));
    }

    @Test
    void aBatchRedeliveredWhereAnEarlierBuildStoppedBetweenTheBalancesAndTheVersionMovesTheVersion() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        List<EventEnvelope> deposit = stream.deposit("d-1", "acc-1", 700);
        EventEnvelope credit = deposit.get(deposit.size() - 1);
        projections.apply(credit);
        // that build wrote the balances, then the version, in two writes
        database.getCollection("accounts").updateOne(eq("_id", "acc-1"), combine(set("version", 1L),
                set("position", 0L)));

        projections.apply(credit);

        assertThat(account("acc-1")).containsEntry("posted", 700L).containsEntry("balancesVersion", 2L)
                .containsEntry("version", 2L).containsEntry("position", credit.position());
    }

    @Test
    void aBatchHoldingAnOlderEventAfterANewerOneKeepsTheNewer() {
        EventEnvelope opened = stream.open("acc-1", "alice", "USD");
        List<EventEnvelope> deposit = stream.deposit("d-1", "acc-1", 700);
        EventEnvelope frozen = stream.freeze("acc-1");
        List<EventEnvelope> withdrawal = stream.withdraw("w-1", "acc-1", 200);

        EventEnvelope credit = deposit.get(deposit.size() - 1);
        EventEnvelope debit = withdrawal.get(1);

        projections.apply(List.of(debit, frozen, credit, opened, frozen, credit));

        assertThat(account("acc-1")).containsEntry("posted", 500L).containsEntry("status", "FROZEN")
                .containsEntry("version", 4L).containsEntry("ownerId", "alice");
    }
}
