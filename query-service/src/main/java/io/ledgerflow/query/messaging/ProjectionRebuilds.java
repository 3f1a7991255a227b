package io.ledgerflow.query.messaging;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.VersionGuard;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Blue/green rebuild of every projection, with no downtime. A second consumer (a group of its own) projects the
 * ledger topic from offset zero into a new generation's collections while queries are served from the current
 * one and the main consumer keeps it up to date. Once the new generation has caught up with the end offsets (to
 * within {@value #SWITCH_LAG} records), the switch: the main consumer stops (so the current generation stops
 * moving); the rebuild consumer goes on until it has projected at least everything the current generation holds,
 * and stops; the new generation's checkpoints are moved back to where the main consumer stopped; the new
 * generation becomes current ({@link CurrentGeneration}: every instance follows within a second); the main
 * consumer starts again at its checkpoints, projects the last records again (idempotently) and tells the live
 * stream of them, which the rebuild consumer does not. The old generation's collections are dropped after a
 * grace period, so that queries which started on them can finish.
 * <p>
 * A failure at any step leaves the current generation as it was (state FAILED) and drops the new one. The state
 * is a document in {@code projection_state}, so every instance reports it and no two instances rebuild at once;
 * the instance running a rebuild beats a heartbeat into it, and a rebuild whose instance went silent counts as
 * failed.
 */
@Component
public class ProjectionRebuilds implements DisposableBean {

    public static final String RUNNING = "RUNNING";
    public static final String SWITCHING = "SWITCHING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    static final String DOCUMENT_ID = "rebuild";

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final long TICK_MS = 250;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Close enough to switch: under steady traffic the lag is seldom exactly 0, and the switch itself lets the
     * rebuild consumer finish to the end while the current generation stands still.
     */
    static final long SWITCH_LAG = 100;
    private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(60);

    private final ProjectionCollections collections;
    private final MongoCollection<Document> state;
    private final CurrentGeneration currentGeneration;
    private final PartitionCheckpoints checkpoints;
    private final TopicEndOffsets endOffsets;
    private final RecordDecoder decoder;
    private final ProjectionDispatcher dispatcher;
    private final KafkaListenerEndpointRegistry listeners;
    private final ConcurrentKafkaListenerContainerFactory<?, ?> containers;
    private final ConsumerFactory<?, ?> consumers;
    private final List<BeforeGenerationSwitch> preparations;
    private final String topic;
    private final Duration dropGrace;
    private final Duration silentAfter;
    private final ScheduledExecutorService worker;
    /** Beats for a switch, which runs on {@link #worker} and may take longer than {@link #silentAfter}. */
    private final ScheduledExecutorService heartbeats;
    private Rebuild running;

    public ProjectionRebuilds(ProjectionCollections collections, CurrentGeneration currentGeneration,
                              PartitionCheckpoints checkpoints, TopicEndOffsets endOffsets, RecordDecoder decoder,
                              ProjectionDispatcher dispatcher, KafkaListenerEndpointRegistry listeners,
                              ConcurrentKafkaListenerContainerFactory<?, ?> containers,
                              ConsumerFactory<?, ?> consumers, List<BeforeGenerationSwitch> preparations,
                              LedgerKafkaProperties properties,
                              @Value("${ledgerflow.projections.rebuild.drop-grace:30s}") Duration dropGrace,
                              @Value("${ledgerflow.projections.rebuild.silent-after:30s}") Duration silentAfter) {
        this.collections = collections;
        this.state = collections.projectionState();
        this.currentGeneration = currentGeneration;
        this.checkpoints = checkpoints;
        this.endOffsets = endOffsets;
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.listeners = listeners;
        this.containers = containers;
        this.consumers = consumers;
        this.preparations = List.copyOf(preparations);
        this.topic = properties.topic();
        this.dropGrace = dropGrace;
        this.silentAfter = silentAfter;
        this.worker = daemon("projection-rebuild");
        this.heartbeats = daemon("projection-rebuild-heartbeat");
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The rebuild running, or the last one; as every instance sees it. */
    public Optional<RebuildStatus> status() {
        Document document = state.find(eq("_id", DOCUMENT_ID)).first();
        if (document == null) {
            return Optional.empty();
        }
        String shownState = isActive(document) && silent(document) ? FAILED : document.getString("state");
        String error = FAILED.equals(shownState) && document.getString("error") == null
                ? "the instance running it went silent" : document.getString("error");
        return Optional.of(new RebuildStatus(document.getString("generation"), shownState,
                instant(document, "startedAt"), document.get("lag") instanceof Number lag ? lag.longValue() : null,
                instant(document, "finishedAt"), error));
    }

    /**
     * Starts a rebuild into a new generation.
     *
     * @throws RebuildInProgressException when one runs (here or on another instance)
     */
    public synchronized RebuildStatus start() {
        Document previous = state.find(eq("_id", DOCUMENT_ID)).first();
        if (previous != null && isActive(previous) && !silent(previous)) {
            throw new RebuildInProgressException(previous.getString("generation"));
        }
        if (previous != null && !DONE.equals(previous.getString("state"))
                && !previous.getString("generation").equals(collections.current())) {
            discard(previous.getString("generation"));
        }
        String generation = String.valueOf(Math.max(ProjectionCollections.numberOf(collections.current()),
                previous == null ? 0 : ProjectionCollections.numberOf(previous.getString("generation"))) + 1);
        Instant now = Instant.now();
        Document document = new Document("_id", DOCUMENT_ID).append("generation", generation)
                .append("state", RUNNING).append("startedAt", Date.from(now)).append("lag", null)
                .append("finishedAt", null).append("error", null).append("heartbeatAt", Date.from(now));
        claim(previous, document);
        log.info("Rebuilding every projection into generation {} (current: {})", generation, collections.current());
        collections.createIndexes(generation);
        RebuildListener listener = new RebuildListener(generation, decoder, dispatcher, checkpoints, collections);
        ConcurrentMessageListenerContainer<?, ?> container = containerFor(generation, listener);
        running = new Rebuild(generation, collections.current(), container, listener);
        container.start();
        worker.schedule(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
        return status().orElseThrow();
    }

    /** Another instance may have claimed it meanwhile: the write names the document it read, or inserts one. */
    private void claim(Document previous, Document document) {
        if (previous == null) {
            try {
                state.insertOne(document);
                return;
            } catch (MongoWriteException e) {
                if (VersionGuard.isDuplicateKey(e)) {
                    throw new RebuildInProgressException(status().map(RebuildStatus::generation).orElse("?"));
                }
                throw e;
            }
        }
        long replaced = state.replaceOne(and(eq("_id", DOCUMENT_ID), eq("heartbeatAt", previous.get("heartbeatAt"))),
                document).getModifiedCount();
        if (replaced == 0) {
            throw new RebuildInProgressException(previous.getString("generation"));
        }
    }

    private ConcurrentMessageListenerContainer<?, ?> containerFor(String generation, RebuildListener listener) {
        ConcurrentMessageListenerContainer<?, ?> container = containers.createContainer(topic);
        Object group = consumers.getConfigurationProperties()
                .get(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG);
        container.getContainerProperties().setGroupId((group == null ? "query-projections" : group)
                + ".rebuild-g" + generation);
        container.getContainerProperties().setMessageListener(listener);
        container.setBeanName("projection-rebuild-g" + generation);
        container.setAutoStartup(false);
        // a failure the retries do not overcome fails the rebuild, never the current generation
        container.setCommonErrorHandler(new DefaultErrorHandler((record, exception) -> worker.execute(
                () -> fail(generation, exception)), new FixedBackOff(500, 20)));
        return container;
    }

    /** On the worker thread: progress, heartbeat, and the switch once caught up. */
    private void tick() {
        Rebuild rebuild;
        synchronized (this) {
            rebuild = running;
        }
        if (rebuild == null) {
            return;
        }
        try {
            Optional<Long> lag = lagOf(rebuild.generation());
            update(rebuild.generation(), new Document("lag", lag.orElse(null))
                    .append("heartbeatAt", Date.from(Instant.now())));
            if (lag.isPresent() && lag.get() <= SWITCH_LAG) {
                switchOver(rebuild);
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Rebuild of generation {}: cannot check its progress yet: {}", rebuild.generation(),
                    e.toString());
        }
        worker.schedule(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void switchOver(Rebuild rebuild) {
        String generation = rebuild.generation();
        update(generation, new Document("state", SWITCHING));
        // the whole switch beats (catching up, stopping the rebuild's consumer, every preparation): a switch that
        // outlasts silent-after without a beat is taken for abandoned, and another start discards its generation
        long beat = Math.max(100, silentAfter.toMillis() / 10);
        ScheduledFuture<?> beating = heartbeats.scheduleAtFixedRate(() -> heartbeat(generation), 0, beat,
                TimeUnit.MILLISECONDS);
        try {
            switchOver(rebuild, generation);
        } finally {
            beating.cancel(false);
        }
    }

    private void heartbeat(String generation) {
        try {
            update(generation, new Document("heartbeatAt", Date.from(Instant.now())));
        } catch (RuntimeException e) {
            log.warn("Cannot record the rebuild's heartbeat: {}", e.toString());
        }
    }

    private void switchOver(Rebuild rebuild, String generation) {
        MessageListenerContainer main = listeners.getListenerContainer(LedgerEventListener.LISTENER_ID);
        boolean mainWasRunning = main != null && main.isRunning();
        if (mainWasRunning) {
            main.stop();
        }
        try {
            Map<Integer, Long> mainStoppedAt = awaitCaughtUp(rebuild);
            rebuild.container().stop();
            Map<Integer, Long> reached = new HashMap<>();
            checkpoints.all(topic, generation).forEach(checkpoint ->
                    reached.put(checkpoint.partition(), checkpoint.nextOffset()));
            BeforeGenerationSwitch.Replayed replayed = (recordTopic, partition, offset) -> topic.equals(recordTopic)
                    && offset < reached.getOrDefault(partition, 0L)
                    && !rebuild.listener().skipped(recordTopic, partition, offset);
            preparations.forEach(preparation -> preparation.prepare(generation, replayed));
            // the main consumer resumes where it stopped, so that it tells the live stream of what came since
            checkpoints.moveBack(generation, topic, mainStoppedAt);
            requireStillSwitching(generation);
            currentGeneration.switchTo(generation, rebuild.previous());
        } catch (RuntimeException e) {
            if (mainWasRunning) {
                main.start();
            }
            fail(generation, e);
            return;
        }
        if (mainWasRunning) {
            main.start();
        }
        synchronized (this) {
            running = null;
        }
        update(generation, new Document("state", DONE).append("lag", 0L)
                .append("finishedAt", Date.from(Instant.now())).append("heartbeatAt", Date.from(Instant.now())));
        log.info("Projection generation {} is current; generation {} is dropped in {}", generation,
                rebuild.previous(), dropGrace);
        worker.schedule(() -> discard(rebuild.previous()), dropGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A start that took this rebuild for abandoned has replaced its document (and discarded its generation). */
    private void requireStillSwitching(String generation) {
        Document document = state.find(eq("_id", DOCUMENT_ID)).first();
        if (document == null || !generation.equals(document.getString("generation"))
                || !SWITCHING.equals(document.getString("state"))) {
            throw new IllegalStateException("generation " + generation + " is no longer the rebuild switching: "
                    + (document == null ? "none is" : "now " + document.getString("generation") + " is "
                    + document.getString("state")));
        }
    }

    /**
     * The main consumer of this instance is stopped: the current generation holds what its checkpoints say. The
     * new one must hold at least that, and reach the end offsets as they are now.
     */
    private Map<Integer, Long> awaitCaughtUp(Rebuild rebuild) {
        Map<Integer, Long> mainStoppedAt = new HashMap<>();
        checkpoints.all(topic, rebuild.previous())
                .forEach(checkpoint -> mainStoppedAt.put(checkpoint.partition(), checkpoint.nextOffset()));
        Map<Integer, Long> target = new HashMap<>(mainStoppedAt);
        Map<TopicPartition, Long> ends = endOffsets.of(topic, KAFKA_TIMEOUT)
                .orElseThrow(() -> new IllegalStateException("Kafka did not tell the end offsets"));
        ends.forEach((partition, end) -> target.merge(partition.partition(), end, Math::max));
        long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
        while (!reached(rebuild.generation(), target)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("generation " + rebuild.generation() + " did not reach " + target
                        + " within " + SWITCH_TIMEOUT);
            }
            try {
                Thread.sleep(TICK_MS / 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while switching", e);
            }
        }
        return mainStoppedAt;
    }

    private boolean reached(String generation, Map<Integer, Long> target) {
        Map<Integer, Long> reached = new HashMap<>();
        checkpoints.all(topic, generation).forEach(checkpoint ->
                reached.put(checkpoint.partition(), checkpoint.nextOffset()));
        return target.entrySet().stream()
                .allMatch(partition -> partition.getValue() == 0
                        || reached.getOrDefault(partition.getKey(), 0L) >= partition.getValue());
    }

    private Optional<Long> lagOf(String generation) {
        Map<Integer, Long> reached = new HashMap<>();
        checkpoints.all(topic, generation).forEach(checkpoint ->
                reached.put(checkpoint.partition(), checkpoint.nextOffset()));
        return endOffsets.of(topic, KAFKA_TIMEOUT).map(ends -> ends.entrySet().stream()
                .mapToLong(end -> Math.max(0, end.getValue() - reached.getOrDefault(end.getKey().partition(), 0L)))
                .sum());
    }

    private void fail(String generation, Exception cause) {
        Rebuild rebuild;
        synchronized (this) {
            rebuild = running;
            if (rebuild == null || !rebuild.generation().equals(generation)) {
                return;
            }
            running = null;
        }
        log.error("Rebuild of generation {} failed; generation {} stays current", generation, rebuild.previous(),
                cause);
        rebuild.container().stop();
        update(generation, new Document("state", FAILED).append("error", String.valueOf(cause.getMessage()))
                .append("finishedAt", Date.from(Instant.now())));
        discard(generation);
    }

    /** Drops a generation that is not current (any more), and its checkpoints. */
    private void discard(String generation) {
        if (generation.equals(collections.current())) {
            return;
        }
        try {
            boolean dropped = collections.drop(generation);
            checkpoints.forget(generation, topic);
            if (dropped) {
                log.info("Projection generation {} dropped", generation);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot drop projection generation {}: {}", generation, e.toString());
        }
    }

    private void update(String generation, Document fields) {
        state.updateOne(and(eq("_id", DOCUMENT_ID), eq("generation", generation)), new Document("$set", fields));
    }

    private static boolean isActive(Document document) {
        return RUNNING.equals(document.getString("state")) || SWITCHING.equals(document.getString("state"));
    }

    private boolean silent(Document document) {
        Date heartbeat = document.getDate("heartbeatAt");
        return heartbeat == null || heartbeat.toInstant().plus(silentAfter).isBefore(Instant.now());
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    @Override
    public void destroy() {
        Rebuild rebuild;
        synchronized (this) {
            rebuild = running;
            running = null;
        }
        worker.shutdownNow();
        heartbeats.shutdownNow();
        if (rebuild != null) {
            rebuild.container().stop();
            try {
                update(rebuild.generation(), new Document("state", FAILED)
                        .append("error", "the instance running it stopped")
                        .append("finishedAt", Date.from(Instant.now())));
            } catch (RuntimeException e) {
                log.warn("Cannot record the end of the rebuild of generation {}: {}", rebuild.generation(),
                        e.toString());
            }
        }
    }

    private record Rebuild(String generation, String previous, ConcurrentMessageListenerContainer<?, ?> container,
                           RebuildListener listener) {
    }
}
