package io.ledgerflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureTest {

    @Test
    void sharesOneServerOfEachKindAndHandsOutFreshNames() {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.shared();

        assertThat(EmbeddedInfrastructure.shared()).isSameAs(infrastructure);
        assertThat(infrastructure.kafkaBootstrapServers()).isEqualTo(EmbeddedInfrastructure.kafka().bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(infrastructure.mongoConnectionString()).isEqualTo(EmbeddedInfrastructure.mongo().connectionString()).startsWith("mongodb://127.0.0.1:");
        assertThat(infrastructure.postgresUser()).isEqualTo("postgres");
        assertThat(infrastructure.newDatabase()).isNotEqualTo(infrastructure.newDatabase()).startsWith("jdbc:postgresql://localhost:");
        assertThat(infrastructure.newMongoDatabaseName()).isNotEqualTo(infrastructure.newMongoDatabaseName());
        assertThat(EmbeddedInfrastructure.onDemand()).isSameAs(infrastructure);
    }
}
