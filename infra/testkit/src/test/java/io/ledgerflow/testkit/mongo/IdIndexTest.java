package io.ledgerflow.testkit.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code _id} index keeps no string id: the collection's documents, keyed by that id, answer for it. Ids stay
 * unique and findable as MongoDB has them, strings and numbers alike.
 */
class IdIndexTest {

    @TempDir
    Path directory;

    private StandInOnFile standIn;
    private MongoCollection<Document> accounts;

    @BeforeEach
    void start() {
        standIn = new StandInOnFile(directory.resolve("ledgerflow.mv"));
        accounts = standIn.collection("ledgerflow", "accounts");
        accounts.insertMany(List.of(new Document("_id", "acc-1").append("n", 1L), new Document("_id", "acc-2"),
                new Document("_id", 7).append("n", 7L), new Document("_id", "other-1")));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void a_string_id_is_kept_among_the_documents_only_and_any_other_id_in_the_index() {
        String name = "ledgerflow.accounts._index__id_";
        assertThat(standIn.store().hasMap(name)).isTrue();
        MVMap<KeyValue, Object> index = standIn.store().openMap(name);

        assertThat(index.keySet()).as("the number's key, as the library normalises it").singleElement()
                .satisfies(key -> assertThat(((Number) key.get(0)).doubleValue()).isEqualTo(7.0));
        assertThat(accounts.find(eq("_id", "acc-1")).first()).containsEntry("n", 1L);
        assertThat(accounts.find(eq("_id", 7.0)).first()).containsEntry("n", 7L);
    }

    @Test
    void a_taken_id_is_refused_as_a_duplicate_key_whether_a_string_or_an_equal_number() {
        assertDuplicateKey(() -> accounts.insertOne(new Document("_id", "acc-1")));
        assertDuplicateKey(() -> accounts.insertOne(new Document("_id", 7.0)));
        assertDuplicateKey(() -> accounts.insertMany(List.of(new Document("_id", "acc-3"), new Document("_id", "acc-3"))));

        assertThat(accounts.find(eq("_id", "acc-1")).first()).containsEntry("n", 1L);
        assertThat(accounts.countDocuments()).isEqualTo(5);
    }

    @Test
    void an_id_deleted_can_be_used_again_and_an_upsert_finds_a_taken_one() {
        accounts.deleteOne(eq("_id", "acc-2"));
        accounts.insertOne(new Document("_id", "acc-2").append("n", 2L));
        accounts.updateOne(eq("_id", "acc-1"), set("n", 10L), new UpdateOptions().upsert(true));

        assertThat(accounts.find(in("_id", List.of("acc-1", "acc-2", 7))).into(new ArrayList<>()))
                .extracting(document -> document.get("n")).containsExactlyInAnyOrder(10L, 2L, 7L);
        assertThat(accounts.countDocuments()).isEqualTo(4);
    }

    @Test
    void an_id_pattern_finds_the_string_ids_it_matches() {
        assertThat(accounts.find(regex("_id", "^acc-")).into(new ArrayList<>()))
                .extracting(document -> document.get("_id")).containsExactlyInAnyOrder("acc-1", "acc-2");
    }

    private static void assertDuplicateKey(Runnable insert) {
        assertThatThrownBy(insert::run).satisfies(e -> {
            int code = e instanceof MongoBulkWriteException bulk ? bulk.getWriteErrors().get(0).getCode()
                    : ((MongoWriteException) e).getError().getCode();
            assertThat(ErrorCategory.fromErrorCode(code)).isEqualTo(ErrorCategory.DUPLICATE_KEY);
        });
    }
}
