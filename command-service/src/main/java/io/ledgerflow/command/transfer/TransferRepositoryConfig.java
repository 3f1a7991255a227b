package io.ledgerflow.command.transfer;

import io.ledgerflow.command.axon.AggregateListener;
import io.ledgerflow.command.axon.StreamCheckedRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class TransferRepositoryConfig {

    /**
     * A transfer has one to three events in its life: no snapshots. A new transfer id, the common case, costs one
     * indexed lookup of its stream's last sequence number; a pending one is kept for its post or void.
     */
    @Bean
    public Repository<Transfer> transferRepository(EventStore eventStore,
                                                   @Value("${ledgerflow.aggregate-cache.transfers:1000}") long kept,
                                                   AggregateListener footprints) {
        return StreamCheckedRepository.create(Transfer.class, eventStore, NoSnapshotTriggerDefinition.INSTANCE, kept)
                .reportingTo(footprints);
    }
}
