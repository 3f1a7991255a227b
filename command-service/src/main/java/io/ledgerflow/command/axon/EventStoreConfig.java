package io.ledgerflow.command.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * The JDBC event store as Axon's auto-configuration would build it, with bounds on what tracking costs in memory.
 * <p>
 * Every rolled-back insert leaves a hole in the global index, and every tracked event carries a token holding the
 * set of holes ("gaps") not yet known to be permanent. The publisher holds one fetch of events at a time
 * ({@link CommittedEventSource}), each with its own token, so memory is about (events fetched) x (open gaps); the
 * events fetched at once are fewer the more gaps are open ({@link SnapshotGapsStorageEngine#rowsPerFetch}).
 * {@link LedgerLocks} keeps callers from producing gaps at all; these settings bound the rest: a gap is given up
 * once PostgreSQL has ended every transaction that could fill it ({@link SnapshotGapsStorageEngine}), and for being
 * far behind the newest event only a million events later ({@code maxGapOffset}, 10,000 by Axon's default).
 */
@Configuration
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreConfig {

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventStoreProperties properties, DataSource dataSource) {
        return trackingEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema()), properties, dataSource);
    }

    /**
     * When a hole in the global index is given up: once no transaction can fill it, watched at least
     * {@code gapTimeout} ({@link SnapshotGapsStorageEngine}), or a million events past it.
     */
    static SnapshotGapsStorageEngine trackingEngine(JdbcEventStorageEngine.Builder builder,
                                                    EventStoreProperties properties, DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long retention = Math.max(properties.gapTimeout().toNanos() * 10, Duration.ofMinutes(1).toNanos());
        return new SnapshotGapsStorageEngine(tracking(builder, properties), new GapWatch(properties.gapTimeout()),
                () -> TransactionSnapshots.current(jdbc), retention);
    }

    /**
     * Axon's own rule, by event timestamps, is put beyond reach (24 days): the snapshot rule decides. So is Axon's
     * clean-up pass, which would query the rows around the gaps only to compare those timestamps; the snapshot rule
     * looks at every gap of every fetch that starts with gaps.
     */
    static JdbcEventStorageEngine.Builder tracking(JdbcEventStorageEngine.Builder builder,
                                                   EventStoreProperties properties) {
        return builder.gapTimeout(Integer.MAX_VALUE)
                .gapCleaningThreshold(Integer.MAX_VALUE)
                .maxGapOffset(properties.maxGapOffset());
    }

    @Bean
    public CommitSignal commitSignal() {
        return new CommitSignal();
    }

    /**
     * Without Axon's shared cache of recent events ({@code optimizeEventConsumption}): it leaked under sustained load
     * (see {@link CommittedEventSource}, which the publisher reads instead). A stream opened on this store reads the
     * storage engine itself.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         CommitSignal commitSignal, List<AppliedEventsListener> listeners) {
        return new SignallingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false), commitSignal, listeners);
    }

    /** The Kafka publisher's source ({@code axon.eventhandling.processors.kafka-publisher.source}). */
    @Bean
    public CommittedEventSource committedEventSource(EventStorageEngine storageEngine, CommitSignal commitSignal) {
        return new CommittedEventSource(storageEngine, commitSignal);
    }
}
