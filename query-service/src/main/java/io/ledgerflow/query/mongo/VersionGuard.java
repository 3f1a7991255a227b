package io.ledgerflow.query.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.conversions.Bson;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

/**
 * Applies an aggregate's event to its document only if the document holds an older version, so redelivery,
 * replay and stale events leave it unchanged. {@code version} = last applied aggregate sequence + 1.
 */
public final class VersionGuard {

    public static final String VERSION = "version";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private VersionGuard() {
    }

    /**
     * An upsert over an older version. If it finds no older document and cannot insert, the document exists with
     * this or a newer version, or a concurrent writer inserted it first: the plain update it falls back to tells
     * the two apart.
     */
    public static GuardedWrite ifNewer(String id, long version, Bson changes) {
        Bson olderVersion = and(eq("_id", id), lt(VERSION, version));
        Bson update = combine(changes, set(VERSION, version));
        return new GuardedWrite(new UpdateOneModel<>(olderVersion, update, UPSERT),
                new UpdateOneModel<>(olderVersion, update));
    }

    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
