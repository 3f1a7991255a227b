package io.ledgerflow.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.Projections;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** The projections against a real MongoDB wire server, one fresh database per test. */
class ProjectionsTest {

    private static MongoClient client;

    private MongoDatabase database;
    private Projections projections;
    private LedgerStream stream;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(Infrastructure.mongoConnectionString());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = client.getDatabase(Infrastructure.newMongoDatabaseName());
        projections = new Projections(database);
        stream = new LedgerStream();
    }

    @Test
    void accountOpenedCreatesTheAccountWithZeroBalances() {
        EventEnvelope opened = stream.open(new AccountOpened("acc-1", "alice", "USD", 4000, 500,
                Map.of("tier", "gold"), false));

        projections.apply(opened);

        Document account = account("acc-1");
        assertThat(account).containsEntry("ownerId", "alice").containsEntry("currency", "USD")
                .containsEntry("code", 4000).containsEntry("status", "OPEN").containsEntry("overdraftLimit", 500L)
                .containsEntry("posted", 0L).containsEntry("pendingDebits", 0L).containsEntry("pendingCredits", 0L)
                .containsEntry("version", 1L).containsEntry("system", false)
                .containsEntry("metadata", new Document("tier", "gold"))
                .containsEntry("openedAt", Date.from(opened.time())).containsEntry("updatedAt", Date.from(opened.time()))
                .containsEntry("position", opened.position());
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
    void everyPostingBecomesOneEntryWithTheBalanceAfterIt() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        projections.apply(stream.open("acc-2", "bob", "USD"));
        List<EventEnvelope> deposit = stream.deposit("d-1", "acc-1", 10_000);
        List<EventEnvelope> transfer = stream.transfer("t-1", "acc-1", "acc-2", 2_500);
        projections.apply(deposit);
        projections.apply(transfer);

        List<Document> entries = database.getCollection("entries").find(eq("accountId", "acc-1"))
                .sort(new Document("position", 1)).into(new ArrayList<>());
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).containsEntry("_id", "acc-1#1").containsEntry("transferId", "d-1")
                .containsEntry("kind", "CREDIT").containsEntry("amount", 10_000L)
                .containsEntry("balanceAfter", 10_000L).containsEntry("pending", false)
                .containsEntry("at", Date.from(deposit.get(2).time()))
                .containsEntry("position", deposit.get(2).position());
        assertThat(entries.get(1)).containsEntry("transferId", "t-1").containsEntry("kind", "DEBIT")
                .containsEntry("amount", 2_500L).containsEntry("balanceAfter", 7_500L);
        assertThat(database.getCollection("entries").countDocuments()).isEqualTo(6);
    }

    @Test
    void postedTransferIsPostedWithItsTermsAndTimes() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        List<EventEnvelope> deposit = stream.deposit("d-1", "acc-1", 10_000);
        projections.apply(deposit);

        Document transfer = transfer("d-1");
        Date at = Date.from(deposit.get(0).time());
        assertThat(transfer).containsEntry("kind", "DEPOSIT").containsEntry("debitAccountId", "@world:USD")
                .containsEntry("creditAccountId", "acc-1").containsEntry("amount", 10_000L)
                .containsEntry("currency", "USD").containsEntry("status", "POSTED")
                .containsEntry("postedAmount", 10_000L).containsEntry("pending", false)
                .containsEntry("timeoutSeconds", null).containsEntry("reference", "ref-DEPOSIT")
                .containsEntry("rejectionCode", null).containsEntry("createdAt", at).containsEntry("resolvedAt", at)
                .containsEntry("metadata", new Document("k", "v")).containsEntry("version", 1L);
    }

    @Test
    void rejectedTransferKeepsItsRejectionCode() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        projections.apply(stream.open("acc-2", "bob", "USD"));
        EventEnvelope rejected = stream.reject("t-9", "acc-1", "acc-2", 1_000_000, "INSUFFICIENT_FUNDS");
        projections.apply(rejected);

        assertThat(transfer("t-9")).containsEntry("status", "REJECTED").containsEntry("postedAmount", 0L)
                .containsEntry("rejectionCode", "INSUFFICIENT_FUNDS").containsEntry("amount", 1_000_000L)
                .containsEntry("createdAt", Date.from(rejected.time()))
                .containsEntry("resolvedAt", Date.from(rejected.time()));
        assertThat(account("acc-1")).containsEntry("posted", 0L).containsEntry("version", 1L);
    }

    @Test
    void theSameEventsDeliveredTwiceLeaveIdenticalDocuments() {
        List<EventEnvelope> history = history();
        projections.apply(history);
        Map<String, List<Document>> once = ProjectionSnapshot.of(database);

        for (EventEnvelope envelope : history) {
            projections.apply(envelope);
        }

        assertThat(ProjectionSnapshot.of(database)).isEqualTo(once);
        assertThat(ProjectionSnapshot.documentCount(once)).isEqualTo(3 + 3 + 4);
    }

    @Test
    void anOlderEventAfterANewerOneDoesNotRegressTheAccount() {
        projections.apply(stream.open("acc-1", "alice", "USD"));
        List<EventEnvelope> first = stream.deposit("d-1", "acc-1", 10_000);
        List<EventEnvelope> second = stream.withdraw("w-1", "acc-1", 4_000);
        projections.apply(first);
        projections.apply(second);
        Document latest = account("acc-1");

        projections.apply(first.get(2));
        projections.apply(stream.all().get(0));

        assertThat(account("acc-1")).isEqualTo(latest).containsEntry("posted", 6_000L).containsEntry("version", 3L);
    }

    @Test
    void anOpeningProjectedAfterLaterEventsFillsInTheAccountWithoutRegressingIt() {
        List<EventEnvelope> history = history();
        projections.apply(history);
        Map<String, List<Document>> inOrder = ProjectionSnapshot.of(database);

        MongoDatabase reversed = client.getDatabase(Infrastructure.newMongoDatabaseName());
        Projections reversedProjections = new Projections(reversed);
        for (int i = history.size() - 1; i >= 0; i--) {
            reversedProjections.apply(history.get(i));
        }

        assertThat(ProjectionSnapshot.of(reversed)).isEqualTo(inOrder);
    }

    /** 3 accounts (with the settlement account), 3 transfers (2 posted), 4 postings. */
    private List<EventEnvelope> history() {
        stream.open("acc-1", "alice", "USD");
        stream.open("acc-2", "bob", "USD");
        stream.deposit("d-1", "acc-1", 10_000);
        stream.transfer("t-1", "acc-1", "acc-2", 2_500);
        stream.reject("t-2", "acc-2", "acc-1", 99_999, "INSUFFICIENT_FUNDS");
        return stream.all();
    }

    private Document account(String id) {
        return database.getCollection("accounts").find(eq("_id", id)).first();
    }

    private Document transfer(String id) {
        return database.getCollection("transfers").find(eq("_id", id)).first();
    }
}
