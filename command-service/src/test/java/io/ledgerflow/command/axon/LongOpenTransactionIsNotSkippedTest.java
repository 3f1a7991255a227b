package io.ledgerflow.command.axon;

import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.EmbeddedPostgresServer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher reads the store in global order and keeps, in its token, the holes of inserts not committed yet. A
 * transaction that took its place in the global index and stays open (a slow commit, a paused instance) while more
 * than ten thousand events commit after it must still be read once it commits: Axon's default gave that hole up
 * after ten thousand events, and the event was never published. The storage engine as configured here, on a
 * database of its own.
 */
class LongOpenTransactionIsNotSkippedTest {

    private static final int EVENTS_PAST = 12_000;

    private DataSourceTransactionManager transactions;

    @Test
    void an_event_committed_after_twelve_thousand_later_ones_is_still_read() throws Exception {
        JdbcEventStorageEngine engine = engine(new EventStoreProperties(Duration.ofSeconds(60), 1_000_000));

        OpenTransaction slow = insertAndHoldOpen(engine, "slow");
        for (int batch = 0; batch < EVENTS_PAST / 1_000; batch++) {
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                events.add(event("fast-" + batch + "-" + i, 0));
            }
            new TransactionTemplate(transactions).executeWithoutResult(status -> engine.appendEvents(events));
        }

        List<String> read = new ArrayList<>();
        TrackingToken token = readAll(engine, null, read);
        assertThat(read).hasSize(EVENTS_PAST).doesNotContain("slow");
        slow.commit();
        readAll(engine, token, read);

        assertThat(read).hasSize(EVENTS_PAST + 1).endsWith("slow");
    }

    /**
     * Axon gave a hole up once an event after it was older than the gap timeout by the reader's clock: a transaction
     * still open by then (many statements, a paused instance, a reader behind, or a writer whose clock runs behind)
     * lost its event. Here the gap timeout is one second, the reader a second behind, and the transaction stays
     * open for three.
     */
    @Test
    void an_event_committed_long_after_the_gap_timeout_is_still_read() throws Exception {
        JdbcEventStorageEngine engine = engine(new EventStoreProperties(Duration.ofSeconds(1), 1_000_000));
        OpenTransaction slow = insertAndHoldOpen(engine, "slow");

        List<String> read = new ArrayList<>();
        TrackingToken token = null;
        for (int round = 0; round < 3; round++) {
            String id = "fast-" + round;
            new TransactionTemplate(transactions).executeWithoutResult(status -> engine.appendEvents(event(id, 0)));
            Thread.sleep(1_100); // the reader is behind: what it reads is older than the gap timeout
            token = readAll(engine, token, read);
        }
        slow.commit();
        readAll(engine, token, read);

        assertThat(read).containsExactly("fast-0", "fast-1", "fast-2", "slow");
    }

    @Test
    void the_hole_of_a_rolled_back_insert_is_given_up_once_its_transaction_has_ended() throws Exception {
        JdbcEventStorageEngine engine = engine(new EventStoreProperties(Duration.ofMillis(200), 1_000_000));
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            engine.appendEvents(event("rolled-back", 0));
            status.setRollbackOnly();
        });
        List<String> read = new ArrayList<>();
        TrackingToken first = appendThenRead(engine, "after-0", null, read);
        assertThat(((GapAwareTrackingToken) first).getGaps()).as("the hole is watched first").hasSize(1);

        AtomicReference<TrackingToken> token = new AtomicReference<>(first);
        AtomicInteger round = new AtomicInteger(1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            token.set(appendThenRead(engine, "after-" + round.getAndIncrement(), token.get(), read));
            assertThat(((GapAwareTrackingToken) token.get()).getGaps()).isEmpty();
        });
        assertThat(read).doesNotContain("rolled-back").startsWith("after-0", "after-1");
    }

    /** A transaction that has appended one event, holding its place in the global index, until {@code commit}. */
    private record OpenTransaction(CountDownLatch release, CompletableFuture<Void> done) {

        void commit() throws Exception {
            release.countDown();
            done.get(30, TimeUnit.SECONDS);
        }
    }

    private OpenTransaction insertAndHoldOpen(JdbcEventStorageEngine engine, String aggregateId) throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    engine.appendEvents(event(aggregateId, 0));
                    inserted.countDown();
                    await(release);
                }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        return new OpenTransaction(release, done);
    }

    private JdbcEventStorageEngine engine(EventStoreProperties properties) {
        EmbeddedPostgresServer postgres = EmbeddedInfrastructure.postgres();
        String url = postgres.createDatabase("gaps_" + UUID.randomUUID().toString().replace("-", ""));
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, postgres.user(), postgres.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        transactions = new DataSourceTransactionManager(dataSource);
        return EventStoreConfig.trackingEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactions))
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer()), properties, dataSource);
    }

    private TrackingToken appendThenRead(JdbcEventStorageEngine engine, String aggregateId, TrackingToken from,
                                         List<String> into) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> engine.appendEvents(event(aggregateId, 0)));
        return readAll(engine, from, into);
    }

    private static TrackingToken readAll(JdbcEventStorageEngine engine, TrackingToken from, List<String> into) {
        List<TrackedEventMessage<?>> events;
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(from, false)) {
            events = stream.<TrackedEventMessage<?>>map(event -> event).toList();
        }
        events.forEach(event -> into.add(((DomainEventMessage<?>) event).getAggregateIdentifier()));
        return events.isEmpty() ? from : events.get(events.size() - 1).trackingToken();
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregateId, sequence, "payload of " + aggregateId);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(120, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
