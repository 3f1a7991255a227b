package io.ledgerflow.query.deadletter;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

/** The dead letters an admin re-applied, and when last; keyed by topic and id, since a topic name may change. */
@Component
public class DeadLetterRetries {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> retries;

    public DeadLetterRetries(ProjectionCollections collections) {
        this.retries = collections.deadLetterRetries();
    }

    void record(String topic, String id, Instant at) {
        retries.updateOne(eq("_id", key(topic, id)), combine(set("topic", topic), set("deadLetterId", id),
                set("retriedAt", Date.from(at))), UPSERT);
    }

    /** @return when each of these dead letters was last re-applied, for those that were */
    Map<String, Instant> of(String topic, Collection<String> ids) {
        Map<String, Instant> retried = new HashMap<>();
        List<String> keys = ids.stream().map(id -> key(topic, id)).toList();
        for (Document retry : retries.find(in("_id", keys))) {
            retried.put(retry.getString("deadLetterId"), retry.getDate("retriedAt").toInstant());
        }
        return retried;
    }

    /** Every dead letter of {@code topic} an admin re-applied, by id. */
    public Map<String, Instant> all(String topic) {
        Map<String, Instant> retried = new HashMap<>();
        for (Document retry : retries.find(eq("topic", topic))) {
            retried.put(retry.getString("deadLetterId"), retry.getDate("retriedAt").toInstant());
        }
        return retried;
    }

    private static String key(String topic, String id) {
        return topic + "/" + id;
    }
}
