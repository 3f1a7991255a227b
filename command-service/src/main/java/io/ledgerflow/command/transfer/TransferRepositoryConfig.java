package io.ledgerflow.command.transfer;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class TransferRepositoryConfig {

    /** A transfer has one to three events in its life: no snapshots. */
    @Bean
    public Repository<Transfer> transferRepository(EventStore eventStore) {
        return EventSourcingRepository.builder(Transfer.class).eventStore(eventStore).build();
    }
}
