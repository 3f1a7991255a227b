package io.ledgerflow.testkit.mongo;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ledgerflow.testkit.MongoWireServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A scan of a large collection, shaped like a transfer list of a client with thousands of accounts: it finds exactly
 * the documents its filter names, and a find that runs past its {@code maxTimeMS} stops with MongoDB's error 50.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongScansTest {

    private static final int TRANSFERS = 40_000;
    private static final int ACCOUNTS = 20_000;
    private static final int OWNED = 9_000;

    private MongoWireServer server;
    private MongoClient client;
    private MongoCollection<Document> transfers;

    @BeforeAll
    void transfersBetweenManyAccounts(@TempDir Path directory) {
        server = MongoWireServer.start(0, directory.resolve("ledgerflow.mv"));
        client = MongoClients.create(server.connectionString());
        transfers = client.getDatabase("ledgerflow").getCollection("transfers");
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            documents.add(new Document("_id", "t-%05d".formatted(i))
                    .append("debitAccountId", account(i * 7))
                    .append("creditAccountId", account(i * 13 + 1))
                    .append("status", i % 10 == 0 ? "REJECTED" : "POSTED")
                    .append("createdBy", i % 1000 == 0 ? "bob" : "alice")
                    .append("createdAt", (long) i));
        }
        transfers.insertMany(documents);
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void a_list_naming_thousands_of_accounts_finds_exactly_their_transfers_newest_first() {
        List<String> owned = IntStream.range(0, OWNED).mapToObj(LongScansTest::account).toList();

        List<String> found = new ArrayList<>();
        transfers.find(readableBy("bob", owned)).sort(Sorts.descending("createdAt", "_id"))
                .maxTime(60, TimeUnit.SECONDS).forEach(transfer -> found.add(transfer.getString("_id")));

        List<String> expected = new ArrayList<>();
        for (int i = TRANSFERS - 1; i >= 0; i--) {
            boolean touchesOwned = (i * 7) % ACCOUNTS < OWNED || (i * 13 + 1) % ACCOUNTS < OWNED;
            if (touchesOwned && i % 10 != 0 || i % 1000 == 0) {
                expected.add("t-%05d".formatted(i));
            }
        }
        assertThat(expected).hasSizeBetween(TRANSFERS / 2, TRANSFERS - 1);
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void a_find_past_its_max_time_stops_with_error_50_and_one_within_it_answers() {
        Bson everyPosted = Filters.and(Filters.ne("status", "REJECTED"), Filters.exists("createdAt"));
        Bson none = Filters.eq("status", "PENDING");

        assertThatThrownBy(() -> transfers.find(none).maxTime(1, TimeUnit.MILLISECONDS).first())
                .isInstanceOf(MongoExecutionTimeoutException.class)
                .satisfies(error -> assertThat(((MongoExecutionTimeoutException) error).getCode()).isEqualTo(50));
        assertThat(transfers.find(none).maxTime(60, TimeUnit.SECONDS).first()).isNull();
        assertThat(transfers.countDocuments(everyPosted)).isEqualTo(TRANSFERS - TRANSFERS / 10);
        assertThat(transfers.find(everyPosted).maxTime(60, TimeUnit.SECONDS).sort(Sorts.ascending("createdAt"))
                .first()).containsEntry("_id", "t-00001");
    }

    /** The query-service's filter for a client's transfer list (TransferVisibility.all). */
    private static Bson readableBy(String client, List<String> owned) {
        Bson notRejected = Filters.ne("status", "REJECTED");
        return Filters.and(Filters.or(Filters.and(Filters.in("debitAccountId", owned), notRejected),
                Filters.and(Filters.in("creditAccountId", owned), notRejected),
                Filters.eq("createdBy", client)), Filters.exists("createdAt"));
    }

    private static String account(int n) {
        return "acc-%05d".formatted(n % ACCOUNTS);
    }
}
