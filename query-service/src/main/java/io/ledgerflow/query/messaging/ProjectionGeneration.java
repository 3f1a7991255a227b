package io.ledgerflow.query.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.setOnInsert;

/**
 * Notices that the projection database was lost while this service runs (dropped, or replaced by an empty one).
 * (This marker names the database's incarnation; which generation of the projection collections is served is
 * {@link CurrentGeneration}'s part.)
 * A marker document names the database's generation; when it disappears or changes, every consumer of this
 * process must read its partitions again from the beginning. Each consumer thread tracks the epoch it has
 * caught up with, so that one detection rewinds all of them.
 */
@Component
public class ProjectionGeneration {

    static final String MARKER_ID = "generation";

    private static final Logger log = LoggerFactory.getLogger(ProjectionGeneration.class);

    private final ProjectionCollections collections;
    private final MongoCollection<Document> state;
    private final AtomicLong epoch = new AtomicLong();
    private final ThreadLocal<Long> caughtUpWith = new ThreadLocal<>();
    private String generation;

    public ProjectionGeneration(ProjectionCollections collections) {
        this.collections = collections;
        this.state = collections.projectionState();
    }

    /** Reads the marker, creating it if missing. @return whether the projections were lost since the last check */
    public synchronized boolean check() {
        String found = marker();
        if (found != null && (generation == null || found.equals(generation))) {
            generation = found;
            return false;
        }
        boolean lost = generation != null;
        if (found == null) {
            state.updateOne(eq("_id", MARKER_ID), setOnInsert("generation", UUID.randomUUID().toString()),
                    new UpdateOptions().upsert(true));
            found = marker();
        }
        generation = found;
        if (lost) {
            log.warn("The projection database was lost: rebuilding the projections from offset zero");
            collections.createIndexes();
            epoch.incrementAndGet();
        }
        return lost;
    }

    /** Whether the projections were lost since this consumer thread last (re)positioned its partitions. */
    public boolean behind() {
        Long seen = caughtUpWith.get();
        return seen == null || seen != epoch.get();
    }

    /** This consumer thread positions its partitions for the current generation (call it before seeking). */
    public void caughtUp() {
        caughtUpWith.set(epoch.get());
    }

    /** This consumer thread could not reposition its partitions: it is behind again. */
    public void forget() {
        caughtUpWith.remove();
    }

    private String marker() {
        Document marker = state.find(eq("_id", MARKER_ID)).first();
        return marker == null ? null : marker.getString("generation");
    }
}
