package io.ledgerflow.servicekit.ratelimit;

import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.WebEdgeAutoConfiguration;
import io.ledgerflow.servicekit.web.WebLimitsProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

@AutoConfiguration(after = WebEdgeAutoConfiguration.class)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitAutoConfiguration {

    /** Outermost but for the correlation id: before anything reads a body, or refuses a request. */
    @Bean
    FilterRegistrationBean<SlowClientsFilter> slowClientsFilter(RateLimitProperties limits, WebLimitsProperties web,
                                                                ProblemWriter problems) {
        FilterRegistrationBean<SlowClientsFilter> registration = new FilterRegistrationBean<>(new SlowClientsFilter(
                limits, web, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    RateLimitFilter rateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        return new RateLimitFilter(properties, problems);
    }

    @Bean
    BatchTransferLimits batchTransferLimits(RateLimitProperties properties) {
        return new BatchTransferLimits(properties);
    }

    @Bean
    ClientAddressRateLimitFilter clientAddressRateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        return new ClientAddressRateLimitFilter(properties, problems);
    }

    /** It runs inside the security chain, after authentication: not a second time as a plain servlet filter. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilterRegistration(RateLimitFilter filter) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /** It runs inside the security chain, before authentication: not a second time as a plain servlet filter. */
    @Bean
    FilterRegistrationBean<ClientAddressRateLimitFilter> clientAddressRateLimitFilterRegistration(
            ClientAddressRateLimitFilter filter) {
        FilterRegistrationBean<ClientAddressRateLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
