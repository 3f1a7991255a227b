package io.ledgerflow.command.axon;

import io.ledgerflow.events.envelope.CloudEventCodec;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration
public class AxonConfig {

    public AxonConfig() {
        TransactionTime.install();
    }

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

    @Bean
    public CorrelationDataProvider ledgerCorrelationData() {
        return new LedgerCorrelationData();
    }
}
