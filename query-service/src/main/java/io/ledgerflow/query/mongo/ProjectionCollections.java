package io.ledgerflow.query.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** The read-model collections, and the indexes the read API's queries rely on. */
public class ProjectionCollections {

    public static final String ACCOUNTS = "accounts";
    public static final String ENTRIES = "entries";
    public static final String TRANSFERS = "transfers";
    public static final String PROJECTION_STATE = "projection_state";
    /** Which dead letters an admin re-applied; not a projection (a rebuild keeps it). */
    public static final String DEAD_LETTER_RETRIES = "dead_letter_retries";
    /** The generation of the collections named without a suffix: the first one of any database. */
    public static final String INITIAL_GENERATION = "0";
    /** The read models built from the ledger topic (projection_state is their bookkeeping, not one of them). */
    public static final List<String> PROJECTIONS = List.of(ACCOUNTS, ENTRIES, TRANSFERS);

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

    public MongoCollection<Document> deadLetterRetries() {
        return database.getCollection(DEAD_LETTER_RETRIES);
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
