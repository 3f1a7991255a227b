package io.ledgerflow.query.dashboard;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.ledgerflow.query.mongo.VersionGuard;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

/**
 * Counters for events that come without a place on the topic (a dead letter retried by hand): the document names
 * every event it counted, {@code counted.<event id in hex>}, and an event adds its increments only on the condition that
 * it is not named yet, in the same update that names it. Such events are rare, so the list stays short.
 */
final class EventIdCounter {

    static final String COUNTED = "counted";

    /** Asked for on each use: the projections' collections depend on the generation being written. */
    private final Supplier<MongoCollection<Document>> collection;

    EventIdCounter(Supplier<MongoCollection<Document>> collection) {
        this.collection = collection;
    }

    void add(String id, Document identity, String eventId, Instant at, Map<String, Long> increments) {
        create(id, identity);
        List<Bson> updates = new ArrayList<>();
        increments.forEach((field, value) -> updates.add(CounterIncrements.inc(field, value)));
        String counted = COUNTED + "." + HexFormat.of().formatHex(eventId.getBytes(StandardCharsets.UTF_8));
        updates.add(Updates.set(counted, true));
        updates.add(Updates.max(OffsetCounter.LAST_EVENT_AT, Date.from(at)));
        // no match: counted already
        collection.get().updateOne(and(eq("_id", id), exists(counted, false)), Updates.combine(updates));
    }

    private void create(String id, Document identity) {
        if (collection.get().find(eq("_id", id)).projection(Projections.include("_id")).first() != null) {
            return;
        }
        Document document = new Document("_id", id);
        document.putAll(identity);
        try {
            collection.get().insertOne(document);
        } catch (MongoWriteException e) {
            if (!VersionGuard.isDuplicateKey(e)) {
                throw e;
            }
        }
    }
}
