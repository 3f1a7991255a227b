package io.ledgerflow.query.support;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every read-model document, by collection and id, to compare projections built in different ways. */
public final class ProjectionSnapshot {

    private static final List<String> COLLECTIONS =
            List.of(ProjectionCollections.ACCOUNTS, ProjectionCollections.ENTRIES, ProjectionCollections.TRANSFERS);

    private ProjectionSnapshot() {
    }

    /** The current generation's, as the database names it (a rebuild makes another one current). */
    public static Map<String, List<Document>> of(MongoDatabase database) {
        Document current = database.getCollection(ProjectionCollections.PROJECTION_STATE)
                .find(Filters.eq("_id", "collections")).first();
        return of(database, current == null ? ProjectionCollections.INITIAL_GENERATION
                : current.getString("generation"));
    }

    /** By the names without a generation suffix, so that generations compare. */
    public static Map<String, List<Document>> of(MongoDatabase database, String generation) {
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            snapshot.put(collection, database.getCollection(ProjectionCollections.nameOf(collection, generation))
                    .find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        return snapshot;
    }

    public static int documentCount(Map<String, List<Document>> snapshot) {
        return snapshot.values().stream().mapToInt(List::size).sum();
    }
}
