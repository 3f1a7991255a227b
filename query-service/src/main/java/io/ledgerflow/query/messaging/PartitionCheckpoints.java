package io.ledgerflow.query.messaging;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;

/**
 * How far the projections in this database have consumed each partition, kept in {@code projection_state} next
 * to the projections themselves, one set per generation of the projections (the calling thread's, see
 * {@link ProjectionCollections#generation()}). A partition without a checkpoint has never been projected into
 * this generation (for example a fresh or dropped database, or a rebuild starting), so it must be read from the
 * beginning.
 * <p>
 * Once a partition has a checkpoint, this process only ever updates it: a checkpoint that is no longer there
 * means the projections were lost under us (database dropped), and recreating it at the current offset would
 * silently skip everything before it.
 */
@Component
public class PartitionCheckpoints {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions ANY_ORDER = new BulkWriteOptions().ordered(false);

    private final ProjectionCollections collections;
    private final MongoCollection<Document> state;
    private final Set<String> checkpointed = ConcurrentHashMap.newKeySet();
    /** What this process applied last, by checkpoint id, for the status while the document is out of reach. */
    private final Map<String, PartitionCheckpoint> applied = new ConcurrentHashMap<>();

    public PartitionCheckpoints(ProjectionCollections collections) {
        this.collections = collections;
        this.state = collections.projectionState();
    }

    /**
     * For each partition that was ever projected into this generation, the offset of its first record not yet
     * projected. One query for all of them, since this runs inside a rebalance. A partition without a checkpoint is
     * projected from the beginning, perhaps into a database dropped meanwhile: what this instance remembers of the
     * documents it wrote is void then ({@link ProjectionCollections#lost}).
     */
    public Map<TopicPartition, Long> nextOffsets(Collection<TopicPartition> partitions) {
        String generation = collections.generation();
        Map<String, TopicPartition> byId = new HashMap<>();
        partitions.forEach(partition -> byId.put(idOf(generation, partition), partition));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Document checkpoint : state.find(in("_id", byId.keySet()))) {
            if (checkpoint.get("nextOffset") instanceof Number offset) {
                offsets.put(byId.get(checkpoint.getString("_id")), offset.longValue());
            }
        }
        checkpointed.removeAll(byId.keySet());
        offsets.keySet().forEach(partition -> checkpointed.add(idOf(generation, partition)));
        if (offsets.size() < partitions.size()) {
            collections.lost();
        }
        return offsets;
    }

    /**
     * Never moves a checkpoint backwards, so a redelivered record cannot rewind it.
     *
     * @return false if this partition's checkpoint vanished (the projections were lost): nothing was written
     */
    public boolean advance(String topic, int partition, long nextOffset) {
        return advance(topic, partition, nextOffset, null);
    }

    /**
     * As {@link #advance(String, int, long)}, recording {@code last} (the last event projected from this
     * partition, null if the records were not events) as the partition's last applied position and event time.
     */
    public boolean advance(String topic, int partition, long nextOffset, EventEnvelope last) {
        Map<TopicPartition, EventEnvelope> lastEvents = new HashMap<>();
        lastEvents.put(new TopicPartition(topic, partition), last);
        return advanceAll(Map.of(new TopicPartition(topic, partition), nextOffset), lastEvents);
    }

    /**
     * {@link #advance(String, int, long, EventEnvelope)} for several partitions, those checkpointed before in one
     * round trip.
     *
     * @param lastEvents by partition, the last event projected from it (absent or null: none)
     * @return false if a checkpoint of one of them vanished (the projections were lost)
     */
    public boolean advanceAll(Map<TopicPartition, Long> nextOffsets, Map<TopicPartition, EventEnvelope> lastEvents) {
        String generation = collections.generation();
        List<WriteModel<Document>> updates = new ArrayList<>(nextOffsets.size());
        for (Map.Entry<TopicPartition, Long> next : nextOffsets.entrySet()) {
            String id = idOf(generation, next.getKey());
            Bson update = updateOf(next.getKey(), generation, next.getValue(), lastEvents.get(next.getKey()));
            if (checkpointed.contains(id)) {
                updates.add(new UpdateOneModel<>(eq("_id", id), update));
            } else {
                create(id, update);
            }
        }
        if (!updates.isEmpty() && state.bulkWrite(updates, ANY_ORDER).getMatchedCount() < updates.size()) {
            return false;
        }
        nextOffsets.forEach((partition, nextOffset) -> {
            EventEnvelope last = lastEvents.get(partition);
            applied.merge(idOf(generation, partition), new PartitionCheckpoint(partition.topic(),
                    partition.partition(), nextOffset, last == null ? null : last.position(),
                    last == null ? null : last.time()), PartitionCheckpoint::newer);
        });
        return true;
    }

    private static Bson updateOf(TopicPartition partition, String generation, long nextOffset, EventEnvelope last) {
        Bson update = combine(set("topic", partition.topic()), set("partition", partition.partition()),
                set("generation", generation), max("nextOffset", nextOffset));
        if (last != null) {
            update = combine(update, set("lastPosition", last.position()), set("lastEventAt", Date.from(last.time())));
        }
        return update;
    }

    /** This process has not seen it: it may be missing (a partition never projected into this generation). */
    private void create(String checkpointId, Bson update) {
        var id = eq("_id", checkpointId);
        try {
            state.updateOne(id, update, UPSERT);
        } catch (MongoWriteException e) {
            if (!VersionGuard.isDuplicateKey(e)) {
                throw e;
            }
            state.updateOne(id, update);
        }
        checkpointed.add(checkpointId);
    }

    /** Before reading these partitions again from the beginning: their old checkpoints must not survive. */
    public void restart(Collection<TopicPartition> partitions) {
        String generation = collections.generation();
        List<String> ids = partitions.stream().map(partition -> idOf(generation, partition)).toList();
        state.deleteMany(in("_id", ids));
        ids.forEach(checkpointed::remove);
        ids.forEach(applied::remove);
    }

    /**
     * Moves a generation's checkpoints back to {@code nextOffsets} (by partition): the records after them are
     * projected again, which the idempotent writes allow, by a consumer that tells the live stream of them.
     */
    public void moveBack(String generation, String topic, Map<Integer, Long> nextOffsets) {
        nextOffsets.forEach((partition, offset) -> {
            String id = idOf(generation, new TopicPartition(topic, partition));
            state.updateOne(eq("_id", id), set("nextOffset", offset));
            applied.remove(id);
        });
    }

    /** Every checkpoint of a generation that is gone. */
    public void forget(String generation, String topic) {
        List<String> ids = all(topic, generation).stream()
                .map(checkpoint -> idOf(generation, new TopicPartition(topic, checkpoint.partition()))).toList();
        state.deleteMany(in("_id", ids));
        ids.forEach(checkpointed::remove);
        ids.forEach(applied::remove);
    }

    /** {@link #all(String, String)} of the current generation. */
    public List<PartitionCheckpoint> all(String topic) {
        return all(topic, collections.current());
    }

    /**
     * Every checkpoint of this topic in this generation (whichever instance wrote it), merged with what this
     * process applied since, by partition.
     */
    public List<PartitionCheckpoint> all(String topic, String generation) {
        String prefix = prefixOf(generation);
        Map<Integer, PartitionCheckpoint> byPartition = new HashMap<>();
        for (Document checkpoint : state.find(eq("topic", topic))) {
            String id = checkpoint.getString("_id");
            if (id != null && id.equals(prefix + topic + ":" + checkpoint.get("partition"))
                    && checkpoint.get("nextOffset") instanceof Number offset
                    && checkpoint.get("partition") instanceof Number partition) {
                Date lastEventAt = checkpoint.getDate("lastEventAt");
                byPartition.put(partition.intValue(), new PartitionCheckpoint(topic, partition.intValue(),
                        offset.longValue(), checkpoint.get("lastPosition") instanceof Number position
                        ? position.longValue() : null, lastEventAt == null ? null : lastEventAt.toInstant()));
            }
        }
        applied.forEach((id, checkpoint) -> {
            if (checkpoint.topic().equals(topic) && id.equals(prefix + topic + ":" + checkpoint.partition())) {
                byPartition.merge(checkpoint.partition(), checkpoint, PartitionCheckpoint::newer);
            }
        });
        List<PartitionCheckpoint> all = new ArrayList<>(byPartition.values());
        all.sort(Comparator.comparingInt(PartitionCheckpoint::partition));
        return all;
    }

    private static String idOf(String generation, TopicPartition partition) {
        return prefixOf(generation) + partition.topic() + ":" + partition.partition();
    }

    /** Generation 0's ids are those from before generations existed. */
    private static String prefixOf(String generation) {
        return ProjectionCollections.INITIAL_GENERATION.equals(generation) ? "offset:" : "offset:g" + generation + ":";
    }
}
