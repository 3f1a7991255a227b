package io.ledgerflow.query.dashboard;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static io.ledgerflow.query.mongo.BsonReads.longOf;

/**
 * Counters in one document fed by one partition, exact without transactions: the document records {@code upTo},
 * the offset of the last record it counted, and each write adds only the records after it, on the condition that
 * {@code upTo} is still what was read (optimistic: a concurrent writer makes it read again). A record is counted
 * once however often it is delivered; the increments and the new {@code upTo} land together or not at all.
 * <p>
 * The {@code upTo} this counter last wrote is remembered, so that in steady state (one consumer per partition) a
 * batch costs one round trip for all its documents, not a read and a write for each. The remembered value is only
 * ever a guess: the write is still conditional on it, and a write that matches nothing (another writer, a lost or
 * rebuilt database) reads again.
 */
final class OffsetCounter {

    static final String UP_TO = "upTo";
    static final String LAST_EVENT_AT = "lastEventAt";

    private static final int ATTEMPTS = 20;
    private static final BulkWriteOptions ANY_ORDER = new BulkWriteOptions().ordered(false);
    /** Documents are per partition, currency and day: a bound that only a long-lived process with many reaches. */
    private static final int REMEMBERED = 10_000;

    /** Asked for on each use: the projections' collections depend on the generation being written. */
    private final Supplier<MongoCollection<Document>> collection;
    /** By collection and document id: the upTo this counter wrote last. */
    private final Map<String, Long> written = new ConcurrentHashMap<>();

    OffsetCounter(Supplier<MongoCollection<Document>> collection) {
        this.collection = collection;
    }

    /** What one record adds to a document: field paths and their increments. */
    record Increment(long offset, Instant at, Map<String, Long> increments) {
    }

    /** One document's share of a batch: the fields it is created with, besides its id, and its records. */
    record Counted(Document identity, List<Increment> records) {
    }

    /**
     * @param identity fields the document is created with, besides its id
     * @param records  one partition's records for this document, in offset order
     */
    void add(String id, Document identity, List<Increment> records) {
        addAll(Map.of(id, new Counted(identity, records)));
    }

    /**
     * Several documents' records, each document fed by one partition. In steady state every document's upTo is
     * remembered and they are all written in one round trip; if any of those writes matched nothing, each is read
     * again (one that was written then has nothing new).
     */
    void addAll(Map<String, Counted> documents) {
        MongoCollection<Document> counters = collection.get();
        List<String> toRead = new ArrayList<>();
        List<String> guessed = new ArrayList<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        List<Long> lasts = new ArrayList<>();
        documents.forEach((id, counted) -> {
            Long remembered = written.get(keyOf(counters, id));
            // with nothing new after the remembered upTo, it is read: a stale one must not make records look counted
            Write write = remembered == null ? null : writeAfter(remembered, counted.records());
            if (write == null) {
                toRead.add(id);
            } else {
                guessed.add(id);
                writes.add(new UpdateOneModel<>(matching(id, remembered), write.update()));
                lasts.add(write.last());
            }
        });
        if (!writes.isEmpty()) {
            if (counters.bulkWrite(writes, ANY_ORDER).getMatchedCount() == writes.size()) {
                for (int i = 0; i < guessed.size(); i++) {
                    remember(keyOf(counters, guessed.get(i)), lasts.get(i));
                }
            } else {
                guessed.forEach(id -> written.remove(keyOf(counters, id)));
                toRead.addAll(guessed);
            }
        }
        for (String id : toRead) {
            Counted counted = documents.get(id);
            addReading(counters, id, counted.identity(), counted.records());
        }
    }

    private void addReading(MongoCollection<Document> counters, String id, Document identity, List<Increment> records) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Document current = counters.find(eq("_id", id)).projection(Projections.include(UP_TO)).first();
            if (current == null) {
                create(counters, id, identity);
                continue;
            }
            long upTo = longOf(current, UP_TO);
            Write write = writeAfter(upTo, records);
            if (write == null) {
                return;
            }
            if (counters.updateOne(matching(id, upTo), write.update()).getMatchedCount() == 1) {
                remember(keyOf(counters, id), write.last());
                return;
            }
            written.remove(keyOf(counters, id));
        }
        throw new IllegalStateException("counters " + id + " kept changing under " + ATTEMPTS + " attempts");
    }

    /** The update adding the records after {@code upTo}, and the new upTo; null if there are none. */
    private record Write(Bson update, long last) {
    }

    private static Write writeAfter(long upTo, List<Increment> records) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        long last = upTo;
        Instant newest = null;
        for (Increment record : records) {
            if (record.offset() > upTo) {
                record.increments().forEach((field, value) -> sums.merge(field, BigDecimal.valueOf(value), BigDecimal::add));
                last = Math.max(last, record.offset());
                newest = newest == null || record.at().isAfter(newest) ? record.at() : newest;
            }
        }
        if (newest == null) {
            return null;
        }
        List<Bson> updates = new ArrayList<>();
        sums.forEach((field, value) -> updates.add(CounterIncrements.inc(field, value)));
        updates.add(Updates.set(UP_TO, last));
        updates.add(Updates.max(LAST_EVENT_AT, Date.from(newest)));
        return new Write(Updates.combine(updates), last);
    }

    /** By its id and the upTo read: found through the _id index (the stand-in too, IdPinnedCollection). */
    private static Bson matching(String id, long upTo) {
        return and(eq("_id", id), eq(UP_TO, upTo));
    }

    private void remember(String key, long upTo) {
        if (written.size() >= REMEMBERED) {
            written.clear();
        }
        written.put(key, upTo);
    }

    private static String keyOf(MongoCollection<Document> counters, String id) {
        return counters.getNamespace().getFullName() + "/" + id;
    }

    /** Nothing counted yet: upTo is below every offset. */
    private static void create(MongoCollection<Document> counters, String id, Document identity) {
        Document document = new Document("_id", id);
        document.putAll(identity);
        document.append(UP_TO, -1L);
        try {
            counters.insertOne(document);
        } catch (MongoWriteException e) {
            if (!VersionGuard.isDuplicateKey(e)) {
                throw e;
            }
        }
    }
}
