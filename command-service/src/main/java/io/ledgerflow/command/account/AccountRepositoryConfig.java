package io.ledgerflow.command.account;

import io.ledgerflow.command.axon.AggregateListener;
import io.ledgerflow.command.axon.KeptStateSnapshots;
import io.ledgerflow.command.axon.StreamCheckedRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
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

/** How accounts are stored: event-sourced, with snapshots stored off the request thread. */
@Configuration
public class AccountRepositoryConfig {

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

    /**
     * Recently used accounts stay in memory, checked against their stream's last sequence number on every load.
     * Without snapshots a load from the store replays an account's whole stream; a settlement shard takes part in
     * many deposits and withdrawals, so its stream grows fastest. A snapshot is taken from the account in memory
     * every {@code threshold} events ({@link KeptStateSnapshots}) and stored after the commit, on a background
     * thread: never on the request's thread while the account is still locked.
     */
    @Bean
    public Repository<Account> accountRepository(EventStore eventStore, SnapshotThreads snapshotThreads,
                                                 @Value("${ledgerflow.snapshots.threshold:100}") int threshold,
                                                 @Value("${ledgerflow.aggregate-cache.accounts:10000}") long kept,
                                                 AggregateListener footprints) {
        return StreamCheckedRepository.create(Account.class, eventStore, NoSnapshotTriggerDefinition.INSTANCE, kept)
                .snapshotting(new KeptStateSnapshots<>(threshold, Account::copyForSnapshot, eventStore,
                        snapshotThreads.pool))
                .reportingTo(footprints);
    }
}
