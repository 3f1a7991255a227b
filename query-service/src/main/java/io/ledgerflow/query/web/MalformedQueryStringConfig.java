package io.ledgerflow.query.web;

import io.ledgerflow.servicekit.web.ProblemWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the {@link MalformedQueryStringFilter}. */
@Configuration(proxyBeanMethods = false)
public class MalformedQueryStringConfig {

    /** Right after the kit's correlation id and body size filters, before authentication. */
    @Bean
    FilterRegistrationBean<MalformedQueryStringFilter> malformedQueryStringFilter(ProblemWriter problems) {
        FilterRegistrationBean<MalformedQueryStringFilter> registration =
                new FilterRegistrationBean<>(new MalformedQueryStringFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
