package io.ledgerflow.query.mongo;

import com.mongodb.client.model.WriteModel;
import org.bson.Document;

/**
 * One write of a bulk, and what to write instead if the server refuses it as a duplicate key.
 *
 * @param onDuplicateKey null when a duplicate key means the same document is already there (nothing to do)
 */
public record GuardedWrite(WriteModel<Document> write, WriteModel<Document> onDuplicateKey) {

    /** A write whose duplicate key can only mean a concurrent writer inserted the same document first. */
    public static GuardedWrite of(WriteModel<Document> write) {
        return new GuardedWrite(write, null);
    }
}
