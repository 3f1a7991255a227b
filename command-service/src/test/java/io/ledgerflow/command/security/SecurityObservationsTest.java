package io.ledgerflow.command.security;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's own observations (its filter chain, authentication, authorization) are off: they cost CPU on
 * every request and fed only metrics nothing reads. The request metrics stay.
 */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@AutoConfigureObservability(tracing = false) // tests leave out the Prometheus registry otherwise
@Import(SecurityObservationsTest.RequestThreadObservations.class)
class SecurityObservationsTest extends CommandServiceTest {

    @Autowired
    RequestThreadObservations observations;

    @Test
    void an_authenticated_request_starts_http_server_requests_and_no_spring_security_observation() {
        observations.clear();

        Api.Response response = api.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(unique("o")));

        assertThat(response.status()).isEqualTo(201);
        List<String> started = observations.names();
        assertThat(started).as("observations started on the request thread").contains("http.server.requests")
                .noneMatch(name -> name.startsWith("spring.security."));
    }

    @Test
    void prometheus_still_exposes_the_request_metrics_and_neither_spring_security_metrics_nor_active_requests() {
        api.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(unique("o")));

        Api.Response metrics = anonymous.as(tokenFor("admin")).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count{")
                .doesNotContain("spring_security_")
                .as("no long-task timer beside each observation").doesNotContain("http_server_requests_active");
    }

    /** Names of the observations started on Tomcat's request threads. */
    static class RequestThreadObservations implements ObservationHandler<Observation.Context> {

        private final List<String> names = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(Observation.Context context) {
            if (Thread.currentThread().getName().startsWith("http-nio-")) {
                names.add(context.getName());
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        void clear() {
            names.clear();
        }

        List<String> names() {
            return List.copyOf(names);
        }
    }
}
