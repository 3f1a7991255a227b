package io.ledgerflow.command.messaging;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class PublisherErrorHandling {

    /** A failed publish must stop and retry the processor, never skip the event (Axon's default only logs). */
    @Bean
    public ConfigurerModule publisherFailsLoudly() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance());
    }
}
