package io.ledgerflow.command.axon;

import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.EmbeddedPostgresServer;
import io.ledgerflow.testkit.Latches;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store as configured for the publisher, on a database of its own, and what its tests do with it. */
final class TrackingStore {

    final JdbcEventStorageEngine engine;
    private final DataSourceTransactionManager transactions;

    TrackingStore(EventStoreProperties properties) {
        this(properties, false);
    }

    /** With {@code multiRowInserts}, the driver sends an append's events as multi-row inserts, as the service does. */
    TrackingStore(EventStoreProperties properties, boolean multiRowInserts) {
        EmbeddedPostgresServer postgres = EmbeddedInfrastructure.postgres();
        String url = postgres.createDatabase("gaps_" + UUID.randomUUID().toString().replace("-", ""));
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, postgres.user(), postgres.password());
        Properties driver = new Properties();
        driver.setProperty("reWriteBatchedInserts", Boolean.toString(multiRowInserts));
        dataSource.setConnectionProperties(driver);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        transactions = new DataSourceTransactionManager(dataSource);
        engine = EventStoreConfig.trackingEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactions))
                .persistenceExceptionResolver(new PostgresConflictResolver())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer()), properties, dataSource);
    }

    /** One transaction appending these events, each the first of its aggregate, committed. */
    void append(List<String> aggregateIds) {
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                engine.appendEvents(aggregateIds.stream().map(TrackingStore::event).toList()));
    }

    /** One transaction appending these events, rolled back: holes in the global index. */
    void appendRolledBack(List<String> aggregateIds) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            engine.appendEvents(aggregateIds.stream().map(TrackingStore::event).toList());
            status.setRollbackOnly();
        });
    }

    /** A transaction that has appended these events, holding their places in the global index, until committed. */
    OpenTransaction holdOpen(List<String> aggregateIds) throws InterruptedException {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    engine.appendEvents(aggregateIds.stream().map(TrackingStore::event).toList());
                    inserted.countDown();
                    Latches.awaitOpen(release, Duration.ofSeconds(120));
                }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        return new OpenTransaction(release, done);
    }

    record OpenTransaction(CountDownLatch release, CompletableFuture<Void> done) {

        void commit() throws Exception {
            release.countDown();
            done.get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads every event after {@code from} as the publisher does, adding their aggregate ids; the last token. */
    TrackingToken readAll(TrackingToken from, List<String> into) {
        List<TrackedEventMessage<?>> events;
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(from, false)) {
            events = stream.<TrackedEventMessage<?>>map(event -> event).toList();
        }
        events.forEach(event -> into.add(((DomainEventMessage<?>) event).getAggregateIdentifier()));
        return events.isEmpty() ? from : events.get(events.size() - 1).trackingToken();
    }

    static DomainEventMessage<?> event(String aggregateId) {
        return new GenericDomainEventMessage<>("Test", aggregateId, 0, "payload of " + aggregateId);
    }

    /** One transaction appending these events as they are, committed. */
    void appendEvents(List<DomainEventMessage<?>> events) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> engine.appendEvents(events));
    }

    /** The insert statements the event table has seen since this was called: a statement trigger counts them. */
    LongSupplier countInsertStatements() {
        JdbcTemplate jdbc = new JdbcTemplate(transactions.getDataSource());
        jdbc.execute("create table if not exists insert_statements (n bigint not null)");
        jdbc.execute("delete from insert_statements");
        jdbc.execute("create or replace function count_insert_statement() returns trigger language plpgsql as "
                + "$$ begin insert into insert_statements values (1); return null; end $$");
        jdbc.execute("create or replace trigger count_insert_statements after insert on domainevententry "
                + "for each statement execute function count_insert_statement()");
        return () -> jdbc.queryForObject("select count(*) from insert_statements", Long.class);
    }

    /** How many events are stored for these aggregates, read in a transaction of its own. */
    long stored(List<String> aggregateIds) {
        return new JdbcTemplate(transactions.getDataSource()).queryForObject(
                "select count(*) from domainevententry where aggregateidentifier = any(?)", Long.class,
                (Object) aggregateIds.toArray(String[]::new));
    }
}
