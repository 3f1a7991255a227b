package io.ledgerflow.query.support;

import com.mongodb.client.MongoDatabase;
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

    public static Map<String, List<Document>> of(MongoDatabase database) {
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            snapshot.put(collection, database.getCollection(collection).find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>()));
        }
        return snapshot;
    }

    public static int documentCount(Map<String, List<Document>> snapshot) {
        return snapshot.values().stream().mapToInt(List::size).sum();
    }
}
