package io.ledgerflow.query.account;

import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.GuardedWrite;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.ProjectionTestBase;
import io.ledgerflow.query.support.Projections;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

/** What one batch writes to an account's document, and what each of those writes leaves there. */
class AccountBatchWritesTest extends ProjectionTestBase {

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
        List<EventEnvelope> batch = new ArrayList<>(stream.deposit("d-1", "acc-1", 700));
        batch.add(stream.freeze("acc-1"));
        batch.addAll(stream.deposit("d-2", "acc-1", 50));
        batch.add(stream.changeOverdraftLimit("acc-1", 90));
        List<EventEnvelope> accountEvents = batch.stream()
                .filter(envelope -> envelope.aggregateId().equals("acc-1")).toList();
        ProjectionCollections collections = new ProjectionCollections(database);

        Bulk accounts = new AccountProjection(collections).writesFor(accountEvents).get(1);
        for (GuardedWrite write : accounts.writes()) {
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
