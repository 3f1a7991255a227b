package io.ledgerflow.command.audit;

import io.ledgerflow.servicekit.web.ProblemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditLimitConfig {

    /** After the security chain: only authenticated auditors take a place. */
    @Bean
    FilterRegistrationBean<AuditReadLimit> auditReadLimit(ProblemWriter problems,
            @Value("${ledgerflow.audit.max-concurrent-requests:4}") int limit,
            @Value("${ledgerflow.audit.max-concurrent-requests-per-caller:2}") int perCaller) {
        FilterRegistrationBean<AuditReadLimit> registration =
                new FilterRegistrationBean<>(new AuditReadLimit(limit, perCaller, problems));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/api/v1/audit/*");
        return registration;
    }
}
