package io.ledgerflow.query.web;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A load balancer or an orchestrator probes the query-service as it probes the command side: liveness, and a
 * readiness that includes the store every read is answered from. Both are public, like health; their details
 * are for admins.
 */
class HealthProbesApiTest extends QueryServiceTest {

    @Test
    void liveness_and_readiness_answer_200_up_without_a_token() {
        Api.Response liveness = anonymous.get("/actuator/health/liveness");
        Api.Response readiness = anonymous.get("/actuator/health/readiness");

        assertThat(liveness.status()).as(liveness.body()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
        assertThat(readiness.json().has("components")).as("details are for admins").isFalse();
    }

    @Test
    void readiness_is_decided_by_the_readiness_state_and_mongodb_only() {
        Api.Response readiness = as("admin").get("/actuator/health/readiness");

        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.json().path("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("readinessState", "mongo");
        assertThat(readiness.json().path("components").path("mongo").path("status").asText()).isEqualTo("UP");
    }
}
