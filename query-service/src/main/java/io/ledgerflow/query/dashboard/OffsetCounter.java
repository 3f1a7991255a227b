package io.ledgerflow.query.dashboard;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static io.ledgerflow.query.mongo.BsonReads.longOf;

/**
 * Counters in one document fed by one partition, exact without transactions: the document records {@code upTo},
 * the offset of the last record it counted, and each write adds only the records after it, on the condition that
 * {@code upTo} is still what was read (optimistic: a concurrent writer makes it read again). A record is counted
 * once however often it is delivered; the increments and the new {@code upTo} land together or not at all.
 */
final class OffsetCounter {

    static final String UP_TO = "upTo";
    static final String LAST_EVENT_AT = "lastEventAt";

    private static final int ATTEMPTS = 20;

    /** Asked for on each use: the projections' collections depend on the generation being written. */
    private final Supplier<MongoCollection<Document>> collection;

    OffsetCounter(Supplier<MongoCollection<Document>> collection) {
        this.collection = collection;
    }

    /** What one record adds to a document: field paths and their increments. */
    record Increment(long offset, Instant at, Map<String, Long> increments) {
    }

    /**
     * @param identity fields the document is created with, besides its id
     * @param records  one partition's records for this document, in offset order
     */
    void add(String id, Document identity, List<Increment> records) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Document current = collection.get().find(eq("_id", id)).projection(Projections.include(UP_TO)).first();
            if (current == null) {
                create(id, identity);
                continue;
            }
            long upTo = longOf(current, UP_TO);
            Map<String, Long> sums = new TreeMap<>();
            long last = upTo;
            Instant newest = null;
            for (Increment record : records) {
                if (record.offset() > upTo) {
                    record.increments().forEach((field, value) -> sums.merge(field, value, Long::sum));
                    last = Math.max(last, record.offset());
                    newest = newest == null || record.at().isAfter(newest) ? record.at() : newest;
                }
            }
            if (last == upTo) {
                return;
            }
            List<Bson> updates = new ArrayList<>();
            sums.forEach((field, value) -> updates.add(Updates.inc(field, value)));
            updates.add(Updates.set(UP_TO, last));
            updates.add(Updates.max(LAST_EVENT_AT, Date.from(newest)));
            // matched by its id and the upTo read; the stand-in scans for it, real MongoDB uses the _id index
            if (collection.get().updateOne(and(eq("_id", id), eq(UP_TO, upTo)), Updates.combine(updates))
                    .getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("counters " + id + " kept changing under " + ATTEMPTS + " attempts");
    }

    /** Nothing counted yet: upTo is below every offset. */
    private void create(String id, Document identity) {
        Document document = new Document("_id", id);
        document.putAll(identity);
        document.append(UP_TO, -1L);
        try {
            collection.get().insertOne(document);
        } catch (MongoWriteException e) {
            if (!VersionGuard.isDuplicateKey(e)) {
                throw e;
            }
        }
    }
}
