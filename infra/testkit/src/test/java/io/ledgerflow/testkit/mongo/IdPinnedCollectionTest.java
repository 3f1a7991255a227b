package io.ledgerflow.testkit.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.ledgerflow.testkit.MongoWireServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

/** Filters that pin {@code _id} beside other conditions find, update and delete exactly what MongoDB would. */
class IdPinnedCollectionTest {

    @TempDir
    Path directory;

    private MongoWireServer server;
    private MongoClient client;
    private MongoCollection<Document> accounts;

    @BeforeEach
    void threeHundredAccounts() {
        server = MongoWireServer.start(0, directory.resolve("ledgerflow.mv"));
        client = MongoClients.create(server.connectionString());
        accounts = client.getDatabase("ledgerflow").getCollection("accounts");
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            documents.add(new Document("_id", "acc-" + i).append("version", (long) i % 5).append("upTo", 10L));
        }
        accounts.insertMany(documents);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void a_guarded_update_changes_the_pinned_document_only_while_its_condition_holds() {
        // acc-7 has version 2
        assertThat(accounts.updateOne(and(eq("_id", "acc-7"), lt("version", 4L)), set("version", 4L))
                .getMatchedCount()).isEqualTo(1);
        assertThat(accounts.updateOne(and(eq("_id", "acc-7"), lt("version", 4L)), set("version", 9L))
                .getMatchedCount()).as("version is 4 now").isZero();
        assertThat(accounts.updateOne(and(eq("_id", "acc-nobody"), lt("version", 4L)), set("version", 9L))
                .getMatchedCount()).isZero();

        assertThat(accounts.find(eq("_id", "acc-7")).first()).containsEntry("version", 4L);
        assertThat(accounts.countDocuments(eq("version", 4L))).as("acc-4, acc-9, … and now acc-7").isEqualTo(61);
    }

    @Test
    void a_find_applies_the_whole_filter_to_the_pinned_document() {
        assertThat(accounts.find(new Document("_id", "acc-12").append("version", 2L)).first()).isNotNull();
        assertThat(accounts.find(new Document("_id", "acc-12").append("version", 3L)).first()).isNull();
        assertThat(accounts.find(and(eq("_id", "acc-12"), eq("upTo", 10L), eq("version", 2L))).first())
                .containsEntry("_id", "acc-12");
        assertThat(accounts.find(and(eq("upTo", 10L), eq("_id", "acc-13"), eq("version", 2L))).first()).isNull();
    }

    @Test
    void an_id_given_by_an_operator_or_a_pattern_is_still_matched_like_any_field() {
        assertThat(accounts.countDocuments(and(in("_id", List.of("acc-1", "acc-2", "acc-6")), eq("version", 1L))))
                .as("acc-1 and acc-6").isEqualTo(2);
        assertThat(accounts.countDocuments(and(regex("_id", Pattern.compile("^acc-2\\d$")), eq("version", 0L))))
                .as("acc-20 and acc-25").isEqualTo(2);
    }

    @Test
    void a_guarded_delete_removes_the_pinned_document_only_when_its_condition_holds() {
        assertThat(accounts.deleteOne(and(eq("_id", "acc-30"), eq("version", 1L))).getDeletedCount()).isZero();
        assertThat(accounts.deleteOne(and(eq("_id", "acc-30"), eq("version", 0L))).getDeletedCount()).isEqualTo(1);

        assertThat(accounts.countDocuments()).isEqualTo(299);
        assertThat(accounts.find(eq("_id", "acc-30")).first()).isNull();
    }

    @Test
    void an_in_on_the_id_finds_each_listed_document_once() {
        List<String> found = new ArrayList<>();
        accounts.find(in("_id", List.of("acc-3", "acc-nobody", "acc-299", "acc-3"))).forEach(document ->
                found.add(document.getString("_id")));

        assertThat(found).containsExactlyInAnyOrder("acc-3", "acc-299");
        assertThat(accounts.find(in("_id", List.of())).first()).isNull();
        assertThat(accounts.find(in("_id", List.of("acc-4", "acc-5"))).projection(new Document("upTo", 0))
                .sort(new Document("_id", -1)).first()).isEqualTo(new Document("_id", "acc-5").append("version", 0L));
        assertThat(accounts.updateMany(in("_id", List.of("acc-5", "acc-6")), set("upTo", 11L)).getModifiedCount())
                .isEqualTo(2);
        assertThat(accounts.countDocuments(eq("upTo", 11L))).isEqualTo(2);
    }

    @Test
    void a_numeric_id_is_found_by_any_equal_number_as_mongodb_does() {
        accounts.insertOne(new Document("_id", 7).append("version", 1L));

        assertThat(accounts.find(eq("_id", 7L)).first()).containsEntry("version", 1L);
        assertThat(accounts.find(and(eq("_id", 7.0), eq("version", 1L))).first()).isNotNull();
        assertThat(accounts.countDocuments(in("_id", List.of(7.0, "acc-1", "7")))).as("7 and acc-1").isEqualTo(2);
        assertThat(accounts.find(eq("_id", "7")).first()).as("a string is no number").isNull();
    }
}
