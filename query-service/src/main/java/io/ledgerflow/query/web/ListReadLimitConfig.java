package io.ledgerflow.query.web;

import io.ledgerflow.servicekit.web.ProblemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ListReadLimitConfig {

    /** After the security chain: only authenticated callers take a place. */
    @Bean
    FilterRegistrationBean<ListReadLimit> listReadLimit(ProblemWriter problems,
            @Value("${" + ListReadLimit.PROPERTY + ":16}") int limit,
            @Value("${" + ListReadLimit.PROPERTY + "-per-caller:4}") int perCaller) {
        FilterRegistrationBean<ListReadLimit> registration =
                new FilterRegistrationBean<>(new ListReadLimit(limit, perCaller, problems));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/api/v1/*");
        return registration;
    }
}
