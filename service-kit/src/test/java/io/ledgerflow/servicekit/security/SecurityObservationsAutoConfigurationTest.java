package io.ledgerflow.servicekit.security;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.config.observation.SecurityObservationSettings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityObservationsAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecurityObservationsAutoConfiguration.class));

    @Test
    void spring_security_observes_neither_requests_nor_authentications_nor_authorizations() {
        context.run(ctx -> {
            SecurityObservationSettings settings = ctx.getBean(SecurityObservationSettings.class);
            assertThat(settings.shouldObserveRequests()).isFalse();
            assertThat(settings.shouldObserveAuthentications()).isFalse();
            assertThat(settings.shouldObserveAuthorizations()).isFalse();
        });
    }

    @Test
    void spring_security_observations_are_no_ops_and_http_server_requests_are_still_observed() {
        context.run(ctx -> {
            ObservationRegistry registry = ObservationRegistry.create();
            List<String> started = new CopyOnWriteArrayList<>();
            registry.observationConfig().observationHandler(new ObservationHandler<>() {
                @Override
                public void onStart(Observation.Context observed) {
                    started.add(observed.getName());
                }

                @Override
                public boolean supportsContext(Observation.Context observed) {
                    return true;
                }
            });
            registry.observationConfig().observationPredicate(ctx.getBean(ObservationPredicate.class));

            for (String name : List.of("spring.security.filterchains", "spring.security.authentications",
                    "spring.security.authorizations", "http.server.requests")) {
                Observation.start(name, registry).stop();
            }

            assertThat(started).containsExactly("http.server.requests");
        });
    }
}
