package io.ledgerflow.servicekit.security;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * With an {@code ObservationRegistry} (actuator), Spring Security observes its filter chain before and after the
 * application, every filter in it, every authentication and every authorization: observations on every
 * request whose only output is {@code spring_security_*} metrics that nothing reads. They are all off;
 * {@code http.server.requests} (the request metrics, {@code http_server_requests_seconds}) stays.
 */
@AutoConfiguration
public class SecurityObservationsAutoConfiguration {

    static final String SPRING_SECURITY = "spring.security.";

    /** Spring Security then does not even wrap its filters, authentication and authorization for observation. */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Any {@code spring.security.*} observation still asked for (method security, a future one) is a no-op. */
    @Bean
    ObservationPredicate noSpringSecurityObservations() {
        return (name, context) -> !name.startsWith(SPRING_SECURITY);
    }
}
