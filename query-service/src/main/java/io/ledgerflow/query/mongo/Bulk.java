package io.ledgerflow.query.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

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
     * the error, as the embedded stand-in does for updates, has the rest written twice, which idempotent writes
     * allow.) An insert refused without a fallback is most often the first of a batch delivered again: the inserts
     * after it whose documents are there already are then left out, found in one round trip, rather than refused
     * one round trip each.
     */
    private void executeInOrder() {
        List<GuardedWrite> pending = writes;
        while (!pending.isEmpty()) {
            try {
                collection.bulkWrite(models(pending), IN_ORDER);
                return;
            } catch (MongoBulkWriteException e) {
                int failed = onlyDuplicateKeys(e).get(0).getIndex();
                GuardedWrite refused = pending.get(failed);
                if (refused.onDuplicateKey() != null) {
                    collection.bulkWrite(List.of(refused.onDuplicateKey()), IN_ORDER);
                }
                List<GuardedWrite> rest = pending.subList(failed + 1, pending.size());
                pending = insertIdOf(refused) == null ? rest : withoutInsertsAlreadyThere(rest);
            }
        }
    }

    private List<GuardedWrite> withoutInsertsAlreadyThere(List<GuardedWrite> rest) {
        List<Object> ids = rest.stream().map(Bulk::insertIdOf).filter(Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return rest;
        }
        Set<Object> there = collection.find(in("_id", ids)).projection(include("_id"))
                .map(document -> document.get("_id")).into(new HashSet<>());
        return rest.stream().filter(write -> !there.contains(insertIdOf(write))).toList();
    }

    /** The id of a plain insert, one whose duplicate key means the same document is there; else null. */
    private static Object insertIdOf(GuardedWrite write) {
        return write.onDuplicateKey() == null && write.write() instanceof InsertOneModel<Document> insert
                ? insert.getDocument().get("_id") : null;
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
