package io.ledgerflow.query.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import org.bson.Document;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

/**
 * Applies an aggregate's event to its document only if the document holds an older version, so redelivery,
 * replay and stale events leave it unchanged. {@code version} = last applied aggregate sequence + 1.
 */
public final class VersionGuard {

    public static final String VERSION = "version";

    private VersionGuard() {
    }

    /**
     * The event's fields: inserted with the id if it is new, else set over an older version only. The insert is
     * refused as a duplicate key when the document exists (with any version, or just inserted by a concurrent
     * writer); the guarded update it falls back to then applies or not. This leaves what an upsert over an older
     * version would, but finds the id through the {@code _id} index alone: mongo-java-server uses an index only for a
     * filter on exactly its keys, and scanned the whole collection for the guarded filter (the local stack's stand-in
     * now finds a pinned id through the index too, {@code IdPinnedCollection}).
     */
    public static GuardedWrite ifNewer(String id, long version, Document fields) {
        Document withVersion = new Document(fields).append(VERSION, version);
        Document document = new Document("_id", id);
        document.putAll(withVersion);
        return new GuardedWrite(new InsertOneModel<>(document),
                new UpdateOneModel<>(and(eq("_id", id), lt(VERSION, version)), new Document("$set", withVersion)));
    }

    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
