package io.ledgerflow.command.axon;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.messaging.KafkaPublisher;
import io.ledgerflow.command.transfer.Transfer;
import io.ledgerflow.events.envelope.CloudEventCodec;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

@Configuration
public class AxonConfig {

    /** Events are stored as the same JSON that is published; revisions come from our own {@code @Revision}. */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    /** Tokens and snapshots: the same JSON mapper, so aggregate snapshots keep their {@code Instant}s. */
    @Bean
    @Primary
    public Serializer serializer() {
        return jackson();
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder()
                .objectMapper(CloudEventCodec.defaultMapper())
                .revisionResolver(new LedgerRevisionResolver())
                .build();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresConflictResolver();
    }

    /**
     * Without snapshots every command replays an account's whole stream; {@code @world:<CUR>} takes part in every
     * deposit and withdrawal, so its stream grows fastest. A snapshot is taken after the commit that crossed the
     * threshold, in its own transaction, on a background thread: never on the request's thread while the account
     * is still locked. When snapshots queue up, the newest are dropped (a later command triggers them again).
     */
    @Bean
    public Snapshotter snapshotter(EventStore eventStore, TransactionManager transactionManager) {
        return AggregateSnapshotter.builder()
                .eventStore(eventStore)
                .aggregateFactories(new GenericAggregateFactory<>(Account.class))
                .transactionManager(transactionManager)
                .executor(snapshotThreads().pool)
                .build();
    }

    /** Not an {@code Executor} bean, which would displace Spring Boot's own task executor. */
    @Bean
    public SnapshotThreads snapshotThreads() {
        return new SnapshotThreads();
    }

    public static final class SnapshotThreads implements DisposableBean {

        private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1_000), new CustomizableThreadFactory("snapshotter-"),
                new ThreadPoolExecutor.DiscardPolicy());

        public long snapshotsTaken() {
            return pool.getCompletedTaskCount();
        }

        @Override
        public void destroy() {
            pool.shutdown();
        }
    }

    @Bean
    public Repository<Account> accountRepository(EventStore eventStore, Snapshotter snapshotter,
                                                 @Value("${ledgerflow.snapshots.threshold:100}") int threshold) {
        return EventSourcingRepository.builder(Account.class)
                .eventStore(eventStore)
                .snapshotTriggerDefinition(new EventCountSnapshotTriggerDefinition(snapshotter, threshold))
                .build();
    }

    /** A transfer has one or two events in its life: no snapshots. */
    @Bean
    public Repository<Transfer> transferRepository(EventStore eventStore) {
        return EventSourcingRepository.builder(Transfer.class).eventStore(eventStore).build();
    }

    @Bean
    public CorrelationDataProvider ledgerCorrelationData() {
        return new LedgerCorrelationData();
    }

    /** A failed publish must stop and retry the processor, never skip the event (Axon's default only logs). */
    @Bean
    public ConfigurerModule publisherFailsLoudly() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance());
    }
}
