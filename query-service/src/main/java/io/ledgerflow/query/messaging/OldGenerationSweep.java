package io.ledgerflow.query.messaging;

import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;

/**
 * Drops the collections of generations older than the current one, once no query can still be reading them: the one
 * just switched from once the drop grace has passed since the switch, and older ones once it has passed since the
 * switch before (two rebuilds within the grace: the oldest was read until the first of them switched).
 * The switch schedules the drop of the generation it replaced, but only in the instance that switched; this sweep,
 * in every instance, from start-up on, drops what a stopped instance left behind. Generations newer than the current
 * one belong to a rebuild and are never touched here.
 */
@Component
public class OldGenerationSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OldGenerationSweep.class);
    private static final Duration FIRST_SWEEP = Duration.ofSeconds(5);

    private final ProjectionCollections collections;
    private final PartitionCheckpoints checkpoints;
    private final String topic;
    private final Duration dropGrace;
    private volatile ScheduledExecutorService sweeper;

    @Autowired
    public OldGenerationSweep(ProjectionCollections collections, PartitionCheckpoints checkpoints,
                              LedgerKafkaProperties properties,
                              @Value("${ledgerflow.projections.rebuild.drop-grace:30s}") Duration dropGrace) {
        this(collections, checkpoints, properties.topic(), dropGrace);
    }

    OldGenerationSweep(ProjectionCollections collections, PartitionCheckpoints checkpoints, String topic,
                       Duration dropGrace) {
        this.collections = collections;
        this.checkpoints = checkpoints;
        this.topic = topic;
        this.dropGrace = dropGrace;
    }

    /** Drops what is due now; the generations dropped. @throws com.mongodb.MongoException when out of reach */
    List<String> sweep() {
        Document switched = collections.projectionState().find(eq("_id", CurrentGeneration.DOCUMENT_ID)).first();
        if (switched == null) {
            return List.of();
        }
        long current = ProjectionCollections.numberOf(switched.getString("generation"));
        String previous = switched.getString("previous");
        Date switchedAt = switched.getDate("switchedAt");
        boolean previousInGrace = inGrace(switchedAt);
        boolean olderInGrace = inGrace(switched.getDate("previousSince"));
        List<String> dropped = new ArrayList<>();
        for (String generation : collections.generationsPresent()) {
            boolean older = ProjectionCollections.numberOf(generation) < current;
            boolean kept = generation.equals(previous) ? previousInGrace : olderInGrace;
            if (older && !kept) {
                collections.drop(generation);
                checkpoints.forget(generation, topic);
                dropped.add(generation);
            }
        }
        if (!dropped.isEmpty()) {
            log.info("Dropped projection generations {}, older than the current one ({})", dropped, current);
        }
        return dropped;
    }

    /** Whether a generation that stopped being current then may still be read. */
    private boolean inGrace(Date retiredAt) {
        return retiredAt != null && retiredAt.toInstant().plus(dropGrace).isAfter(Instant.now());
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Cannot drop old projection generations yet: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-generation-sweep");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1_000, dropGrace.toMillis());
        executor.scheduleWithFixedDelay(this::sweepQuietly, FIRST_SWEEP.toMillis(), every, TimeUnit.MILLISECONDS);
        sweeper = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = sweeper;
        sweeper = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return sweeper != null;
    }
}
