package io.ledgerflow.command.account;

import io.ledgerflow.command.axon.AggregateListener;
import io.ledgerflow.command.axon.StreamCheckedRepository;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** How accounts are stored: event-sourced, with snapshots taken off the request thread. */
@Configuration
public class AccountRepositoryConfig {

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

    /** Recently used accounts stay in memory, checked against their stream's last sequence number on every load. */
    @Bean
    public Repository<Account> accountRepository(EventStore eventStore, Snapshotter snapshotter,
                                                 @Value("${ledgerflow.snapshots.threshold:100}") int threshold,
                                                 @Value("${ledgerflow.aggregate-cache.accounts:10000}") long kept,
                                                 AggregateListener footprints) {
        return StreamCheckedRepository.create(Account.class, eventStore,
                new EventCountSnapshotTriggerDefinition(snapshotter, threshold), kept).reportingTo(footprints);
    }
}
