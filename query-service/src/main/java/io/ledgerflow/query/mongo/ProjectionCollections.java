package io.ledgerflow.query.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The read-model collections, and the indexes the read API's queries rely on. */
public class ProjectionCollections {

    public static final String ACCOUNTS = "accounts";
    public static final String ENTRIES = "entries";
    public static final String TRANSFERS = "transfers";
    public static final String PROJECTION_STATE = "projection_state";
    /** Transfer counts and sums per partition and currency. */
    public static final String DASHBOARD_TOTALS = "dashboard_totals";
    /** Posted transfers per partition, currency and UTC day, with the day's hours and minutes. */
    public static final String DASHBOARD_VOLUME = "dashboard_volume";
    /** The highest sequence of each transfer the dashboard counted, so that a republished event is not. */
    public static final String DASHBOARD_TRANSFERS = "dashboard_transfers";

    private static final Logger log = LoggerFactory.getLogger(ProjectionCollections.class);

    private final MongoDatabase database;

    public ProjectionCollections(MongoDatabase database) {
        this.database = database;
    }

    public MongoCollection<Document> accounts() {
        return database.getCollection(ACCOUNTS);
    }

    public MongoCollection<Document> entries() {
        return database.getCollection(ENTRIES);
    }

    public MongoCollection<Document> transfers() {
        return database.getCollection(TRANSFERS);
    }

    public MongoCollection<Document> dashboardTotals() {
        return database.getCollection(DASHBOARD_TOTALS);
    }

    public MongoCollection<Document> dashboardVolume() {
        return database.getCollection(DASHBOARD_VOLUME);
    }

    public MongoCollection<Document> dashboardTransfers() {
        return database.getCollection(DASHBOARD_TRANSFERS);
    }

    public MongoCollection<Document> projectionState() {
        return database.getCollection(PROJECTION_STATE);
    }

    /**
     * Idempotent. A statement page filters by account and walks positions in either direction. Indexes only
     * speed reads up, so an unreachable MongoDB at start-up must not stop the service from starting.
     */
    public void createIndexes() {
        try {
            entries().createIndex(Indexes.ascending("accountId", "position"));
            accounts().createIndex(Indexes.ascending("ownerId"));
            // transfer lists: newest first, by either side or by status
            transfers().createIndex(Indexes.descending("createdAt", "_id"));
            transfers().createIndex(Indexes.compoundIndex(Indexes.ascending("debitAccountId"),
                    Indexes.descending("createdAt")));
            transfers().createIndex(Indexes.compoundIndex(Indexes.ascending("creditAccountId"),
                    Indexes.descending("createdAt")));
        } catch (MongoException e) {
            log.warn("Could not create projection indexes, they will be created at the next start: {}",
                    e.getMessage());
        }
    }
}
