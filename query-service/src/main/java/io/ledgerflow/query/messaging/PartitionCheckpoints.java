package io.ledgerflow.query.messaging;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.OptionalLong;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;

/**
 * How far the projections in this database have consumed each partition, kept in {@code projection_state} next
 * to the projections themselves. A partition without a checkpoint has never been projected into this database
 * (for example a fresh or dropped one), so it must be read from the beginning.
 */
@Component
public class PartitionCheckpoints {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> state;

    public PartitionCheckpoints(ProjectionCollections collections) {
        this.state = collections.projectionState();
    }

    /** The offset of the first record not yet projected from this partition, if any record ever was. */
    public OptionalLong nextOffset(TopicPartition partition) {
        return Optional.ofNullable(state.find(eq("_id", idOf(partition))).first())
                .map(document -> document.get("nextOffset"))
                .filter(Number.class::isInstance)
                .map(offset -> OptionalLong.of(((Number) offset).longValue()))
                .orElse(OptionalLong.empty());
    }

    /** Never moves a checkpoint backwards, so a redelivered record cannot rewind it. */
    public void advance(String topic, int partition, long nextOffset) {
        var update = combine(set("topic", topic), set("partition", partition), max("nextOffset", nextOffset));
        var id = eq("_id", idOf(new TopicPartition(topic, partition)));
        try {
            state.updateOne(id, update, UPSERT);
        } catch (MongoWriteException e) {
            if (!VersionGuard.isDuplicateKey(e)) {
                throw e;
            }
            state.updateOne(id, update);
        }
    }

    private static String idOf(TopicPartition partition) {
        return "offset:" + partition.topic() + ":" + partition.partition();
    }
}
