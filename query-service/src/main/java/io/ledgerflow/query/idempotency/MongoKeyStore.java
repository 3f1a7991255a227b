package io.ledgerflow.query.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import io.ledgerflow.servicekit.idempotency.KeyEntry;
import io.ledgerflow.servicekit.idempotency.KeyStore;
import io.ledgerflow.servicekit.idempotency.StoredResponse;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

/**
 * The query-service's keys: one document per caller and key in {@code idempotency_keys}, beside the projections but
 * not one of them (a rebuild keeps it). Every write is a single-document operation, so a claim is atomic. Times come
 * from this instance's clock: instances must agree on the time to within far less than abandon-after.
 */
class MongoKeyStore implements KeyStore {

    static final String COLLECTION = "idempotency_keys";

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> keys;
    private final IdempotencyProperties properties;
    private final Clock clock;

    MongoKeyStore(MongoCollection<Document> keys, IdempotencyProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** For the purge; a failure is harmless (the next start tries again, and the purge works without it). */
    void createIndexes() {
        keys.createIndex(Indexes.ascending("expiresAt"));
    }

    /**
     * One upsert that matches the key only when it is free to take (expired, or claimed without an answer longer than
     * abandon-after ago) or already this claim's; a live key makes the upsert insert a second document with its id,
     * which the unique id refuses. "Already this claim's": a write whose answer was lost may be sent again (the
     * driver's retryable writes), and must not find its own claim in the way. When the claim fails otherwise, it is
     * taken back if it was written after all, so that a retry is not kept waiting until abandon-after.
     */
    @Override
    public Optional<UUID> claim(String subject, String key, byte[] requestHash) {
        Instant now = clock.instant();
        UUID owner = UUID.randomUUID();
        Bson free = or(lte("expiresAt", Date.from(now)), eq("owner", owner.toString()),
                and(exists("response", false), lte("claimedAt", Date.from(now.minus(properties.abandonAfter())))));
        try {
            keys.updateOne(and(eq("_id", id(subject, key)), free), combine(set("subject", subject), set("key", key),
                    set("requestHash", requestHash), set("owner", owner.toString()), set("claimedAt", Date.from(now)),
                    set("expiresAt", Date.from(now.plus(properties.retention()))), unset("response")), UPSERT);
            return Optional.of(owner);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw releasedAfter(e, subject, key, owner);
        } catch (MongoException e) {
            throw releasedAfter(e, subject, key, owner);
        }
    }

    private MongoException releasedAfter(MongoException failure, String subject, String key, UUID owner) {
        try {
            release(subject, key, owner);
        } catch (MongoException alsoUnavailable) {
            failure.addSuppressed(alsoUnavailable); // the claim, if written, waits for abandon-after
        }
        return failure;
    }

    @Override
    public Optional<KeyEntry> find(String subject, String key) {
        Document entry = keys.find(and(eq("_id", id(subject, key)),
                Filters.gt("expiresAt", Date.from(clock.instant())))).first();
        if (entry == null) {
            return Optional.empty();
        }
        Document response = entry.get("response", Document.class);
        return Optional.of(new KeyEntry(entry.get("requestHash", Binary.class).getData(),
                response == null ? null : response(response)));
    }

    /** Stores the answer, kept for the retention from now; false when the key is no longer this owner's. */
    boolean complete(String subject, String key, UUID owner, StoredResponse response) {
        Document stored = new Document("status", response.status()).append("headers", headers(response.headers()))
                .append("body", new Binary(response.body()));
        return keys.updateOne(and(eq("_id", id(subject, key)), eq("owner", owner.toString())),
                combine(set("response", stored), set("expiresAt", Date.from(clock.instant()
                        .plus(properties.retention()))))).getMatchedCount() == 1;
    }

    /** Frees the key: the request produced no answer worth keeping, so a retry executes. */
    void release(String subject, String key, UUID owner) {
        keys.deleteOne(and(eq("_id", id(subject, key)), eq("owner", owner.toString())));
    }

    long purgeExpired() {
        return keys.deleteMany(lte("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }

    /** A key has no control characters, so subject, newline, key names each pair once. */
    static String id(String subject, String key) {
        return subject + '\n' + key;
    }

    /** As a list of name and values: header names are not safe as field names. */
    private static List<Document> headers(Map<String, List<String>> headers) {
        List<Document> stored = new ArrayList<>();
        headers.forEach((name, values) -> stored.add(new Document("name", name).append("values", values)));
        return stored;
    }

    private static StoredResponse response(Document stored) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Document header : stored.getList("headers", Document.class)) {
            headers.put(header.getString("name"), header.getList("values", String.class));
        }
        return new StoredResponse(stored.getInteger("status"), headers, stored.get("body", Binary.class).getData());
    }
}
