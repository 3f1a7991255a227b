package io.ledgerflow.query.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

/**
 * Which generation of the projections is current: a document in {@code projection_state} names it, and every
 * instance follows it, reading it each second into {@link ProjectionCollections}. The consumers notice a new one
 * before their next batch (it differs from the generation they write) and resume at its checkpoints. A database
 * without the document (a fresh or dropped one) is at generation {@value ProjectionCollections#INITIAL_GENERATION}.
 */
@Component
public class CurrentGeneration implements SmartLifecycle {

    static final String DOCUMENT_ID = "collections";

    private static final Logger log = LoggerFactory.getLogger(CurrentGeneration.class);
    private static final long REFRESH_MS = 1_000;

    private final ProjectionCollections collections;
    private final MongoCollection<Document> state;
    private volatile ScheduledExecutorService refresher;

    public CurrentGeneration(ProjectionCollections collections) {
        this.collections = collections;
        this.state = collections.projectionState();
    }

    /** Reads the document. @throws com.mongodb.MongoException when the database cannot tell */
    public String refresh() {
        Document document = state.find(eq("_id", DOCUMENT_ID)).first();
        String generation = document == null ? ProjectionCollections.INITIAL_GENERATION
                : document.getString("generation");
        if (!generation.equals(collections.current())) {
            log.info("Projection generation {} is current (was {})", generation, collections.current());
            collections.createIndexes(generation);
            collections.follow(generation);
        }
        return generation;
    }

    /**
     * Makes {@code generation} current, for every instance. Keeps when {@code previous} became current
     * ({@code previousSince}): until then older generations were read, so they too get their drop grace from it.
     */
    void switchTo(String generation, String previous) {
        Document before = state.find(eq("_id", DOCUMENT_ID)).first();
        Date previousSince = before == null ? null : before.getDate("switchedAt");
        state.updateOne(eq("_id", DOCUMENT_ID), combine(set("generation", generation), set("previous", previous),
                set("switchedAt", Date.from(Instant.now())), set("previousSince", previousSince)),
                new UpdateOptions().upsert(true));
        collections.follow(generation);
    }

    /** Whether the calling consumer thread writes a generation that is no longer current. */
    public boolean switched() {
        return !collections.generation().equals(collections.current());
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-generation");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH_MS, TimeUnit.MILLISECONDS);
        refresher = executor;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.debug("Cannot read the current projection generation yet: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = refresher;
        refresher = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
