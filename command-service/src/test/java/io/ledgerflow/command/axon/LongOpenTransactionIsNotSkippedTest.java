package io.ledgerflow.command.axon;

import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.EmbeddedPostgresServer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
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

    @Test
    void an_event_committed_after_twelve_thousand_later_ones_is_still_read() throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedInfrastructure.postgres();
        String url = postgres.createDatabase("gaps_" + UUID.randomUUID().toString().replace("-", ""));
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, postgres.user(), postgres.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        JdbcEventStorageEngine engine = EventStoreConfig.tracking(JdbcEventStorageEngine.builder(),
                        new EventStoreProperties(50, Duration.ofSeconds(60), 1_000_000))
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactions))
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .build();

        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    engine.appendEvents(event("slow", 0));
                    inserted.countDown();
                    await(release);
                }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
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
        release.countDown();
        slow.get(30, TimeUnit.SECONDS);
        readAll(engine, token, read);

        assertThat(read).hasSize(EVENTS_PAST + 1).endsWith("slow");
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
