package io.ledgerflow.testkit.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Field;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 encodes stored documents for its file on a background thread, without the collection's lock: a stored document
 * changed in place meanwhile made it throw and close the whole store. So an update stores a new document and leaves
 * the stored one as it was. A find is answered with the stored documents themselves (it only encodes them for the
 * wire); every command that may change what it matched gets copies.
 */
class StoredDocumentsUnchangedTest {

    /** Top-level fields added, changed and removed, a nested document's field changed, an element added to an array. */
    private static final Bson ADD_AND_REMOVE_FIELDS = combine(set("version", 2L), unset("note"), set("added", 1L),
            set("owner.city", "Bern"), addToSet("legs", new Document("a", "acc-2").append("v", 3L)));

    @TempDir
    Path directory;

    private StandInOnFile standIn;
    private MongoCollection<Document> accounts;

    @BeforeEach
    void oneAccount() {
        standIn = new StandInOnFile(directory.resolve("ledgerflow.mv"));
        accounts = standIn.collection("ledgerflow", "accounts");
        accounts.insertOne(new Document("_id", "acc-1").append("version", 1L).append("note", "first")
                .append("owner", new Document("name", "Alice"))
                .append("legs", new ArrayList<>(List.of(new Document("a", "acc-1").append("v", 2L)))));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void an_update_by_id_leaves_the_stored_document_as_it_was() {
        assertUpdateLeavesStoredDocument(() -> accounts.updateOne(eq("_id", "acc-1"), ADD_AND_REMOVE_FIELDS));
    }

    @Test
    void a_guarded_update_leaves_the_stored_document_as_it_was() {
        assertUpdateLeavesStoredDocument(() -> accounts.updateOne(and(eq("_id", "acc-1"), lt("version", 2L)),
                ADD_AND_REMOVE_FIELDS));
    }

    @Test
    void a_find_and_modify_leaves_the_stored_document_as_it_was() {
        assertUpdateLeavesStoredDocument(() -> accounts.findOneAndUpdate(eq("_id", "acc-1"), ADD_AND_REMOVE_FIELDS,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    @Test
    void an_aggregation_that_adds_a_nested_field_leaves_the_stored_document_as_it_was() {
        de.bwaldvogel.mongo.bson.Document stored = storedAccount();
        de.bwaldvogel.mongo.bson.Document asStored = stored.cloneDeeply();

        List<Document> answered = accounts.aggregate(List.of(Aggregates.match(eq("_id", "acc-1")),
                Aggregates.addFields(new Field<>("owner", new Document("city", "Bern"))))).into(new ArrayList<>());

        assertThat(answered).singleElement().extracting(document -> document.get("owner", Document.class))
                .isEqualTo(new Document("name", "Alice").append("city", "Bern"));
        assertThat(stored).as("the object H2 may be encoding").isEqualTo(asStored);
        assertThat(accounts.find(eq("_id", "acc-1")).first().get("owner", Document.class))
                .isEqualTo(new Document("name", "Alice"));
    }

    @Test
    void a_find_answers_what_is_stored_and_an_update_after_it_leaves_the_found_document_as_it_was() {
        de.bwaldvogel.mongo.bson.Document stored = storedAccount();
        de.bwaldvogel.mongo.bson.Document asStored = stored.cloneDeeply();

        Document found = accounts.find(eq("_id", "acc-1")).first();
        accounts.updateOne(eq("_id", "acc-1"), combine(ADD_AND_REMOVE_FIELDS, set("owner.name", "Bob")));

        assertThat(found).containsEntry("version", 1L).containsEntry("note", "first");
        assertThat(stored).as("the stored object a find hands to the wire encoder").isEqualTo(asStored);
        assertThat(accounts.find(eq("_id", "acc-1")).first().get("owner", Document.class))
                .isEqualTo(new Document("name", "Bob").append("city", "Bern"));
    }

    private void assertUpdateLeavesStoredDocument(Runnable update) {
        de.bwaldvogel.mongo.bson.Document stored = storedAccount();
        de.bwaldvogel.mongo.bson.Document asStored = stored.cloneDeeply();

        update.run();

        assertThat(stored).as("the object H2 may be encoding").isEqualTo(asStored);
        assertThat(storedAccount()).containsEntry("version", 2L).containsEntry("added", 1L).doesNotContainKey("note");
        Document found = accounts.find(eq("_id", "acc-1")).first();
        assertThat(found).containsEntry("version", 2L).doesNotContainKey("note")
                .containsEntry("owner", new Document("name", "Alice").append("city", "Bern"));
        assertThat(found.getList("legs", Document.class)).hasSize(2);
    }

    private de.bwaldvogel.mongo.bson.Document storedAccount() {
        MVMap<Object, StoredDocument> data = standIn.store().openMap("databases.ledgerflow.accounts");
        return data.values().stream().map(StoredDocument::document)
                .filter(document -> "acc-1".equals(document.get("_id"))).findFirst().orElseThrow();
    }
}
