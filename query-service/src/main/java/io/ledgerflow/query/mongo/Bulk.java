package io.ledgerflow.query.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;

/**
 * Writes to one collection in one {@code bulkWrite} (one round trip unless the server refuses some as duplicate
 * keys). In order: each write sees the ones before it, as for several writes to one document. In any order: for
 * writes that do not depend on each other, such as writes to distinct documents.
 * <p>
 * A duplicate key is the only refusal handled here, as {@link GuardedWrite} says; any other error is thrown, and
 * the caller writes everything again (every write is idempotent).
 */
public record Bulk(MongoCollection<Document> collection, boolean ordered, List<GuardedWrite> writes) {

    private static final BulkWriteOptions IN_ORDER = new BulkWriteOptions().ordered(true);
    private static final BulkWriteOptions ANY_ORDER = new BulkWriteOptions().ordered(false);

    public Bulk {
        writes = List.copyOf(writes);
    }

    public static Bulk inOrder(MongoCollection<Document> collection, List<GuardedWrite> writes) {
        return new Bulk(collection, true, writes);
    }

    public static Bulk inAnyOrder(MongoCollection<Document> collection, List<GuardedWrite> writes) {
        return new Bulk(collection, false, writes);
    }

    public void execute() {
        if (ordered) {
            executeInOrder();
        } else {
            executeInAnyOrder(new HashSet<>());
        }
    }

    /**
     * An ordered bulk stops at its first error: that write's fallback, then the rest. (A server that goes on after
     * the error, as the embedded stand-in does, has the rest written twice, which idempotent writes allow.)
     */
    private void executeInOrder() {
        int from = 0;
        while (from < writes.size()) {
            List<GuardedWrite> rest = writes.subList(from, writes.size());
            try {
                collection.bulkWrite(models(rest), IN_ORDER);
                return;
            } catch (MongoBulkWriteException e) {
                int failed = from + onlyDuplicateKeys(e).get(0).getIndex();
                WriteModel<Document> fallback = writes.get(failed).onDuplicateKey();
                if (fallback != null) {
                    collection.bulkWrite(List.of(fallback), IN_ORDER);
                }
                from = failed + 1;
            }
        }
    }

    /**
     * In any order, as {@link #execute}: the indexes of the upserts that inserted their document. A write refused as
     * a duplicate key did not (a concurrent writer inserted it), whatever its fallback did.
     */
    public Set<Integer> executeReportingInserts() {
        if (ordered) {
            throw new IllegalStateException("inserts are reported for writes in any order only");
        }
        Set<Integer> inserted = new HashSet<>();
        executeInAnyOrder(inserted);
        return inserted;
    }

    /** An unordered bulk tries every write: the fallbacks of those refused, together. */
    private void executeInAnyOrder(Set<Integer> inserted) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(models(writes), ANY_ORDER).getUpserts()
                    .forEach(upsert -> inserted.add(upsert.getIndex()));
        } catch (MongoBulkWriteException e) {
            e.getWriteResult().getUpserts().forEach(upsert -> inserted.add(upsert.getIndex()));
            List<WriteModel<Document>> fallbacks = onlyDuplicateKeys(e).stream()
                    .map(error -> writes.get(error.getIndex()).onDuplicateKey())
                    .filter(Objects::nonNull)
                    .toList();
            if (!fallbacks.isEmpty()) {
                collection.bulkWrite(fallbacks, ANY_ORDER);
            }
        }
    }

    private static List<BulkWriteError> onlyDuplicateKeys(MongoBulkWriteException e) {
        boolean duplicateKeysOnly = e.getWriteConcernError() == null && !e.getWriteErrors().isEmpty()
                && e.getWriteErrors().stream().allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY);
        if (!duplicateKeysOnly) {
            throw e;
        }
        return e.getWriteErrors();
    }

    private static List<WriteModel<Document>> models(List<GuardedWrite> writes) {
        List<WriteModel<Document>> models = new ArrayList<>(writes.size());
        writes.forEach(write -> models.add(write.write()));
        return models;
    }
}
