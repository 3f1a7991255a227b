package io.ledgerflow.command.consistency;

import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lets {@link CommandFootprints} see each unit of work's events as they are stored. */
@Configuration(proxyBeanMethods = false)
class FootprintsConfig {

    @Bean
    Registration footprintsOfStoredEvents(EventStore eventStore, CommandFootprints footprints) {
        return eventStore.registerDispatchInterceptor(events -> {
            footprints.storing(events);
            return (index, event) -> event;
        });
    }
}
