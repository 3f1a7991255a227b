package io.ledgerflow.servicekit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/** Problem+json everywhere, correlation ids, and a body size limit, for every service that has this kit. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties(WebLimitsProperties.class)
public class WebEdgeAutoConfiguration {

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    /** Spring Boot adds every {@code Module} bean to the web layer's {@code ObjectMapper}. */
    @Bean
    WellFormedStrings wellFormedStrings() {
        return new WellFormedStrings();
    }

    @Bean
    WebMvcRegistrations ledgerHandlerAdapter() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return new LedgerHandlerAdapter();
            }
        };
    }

    @Bean
    ProblemContentTypeForErrors problemContentTypeForErrors() {
        return new ProblemContentTypeForErrors();
    }

    @Bean
    SuccessBodiesAreJson successBodiesAreJson() {
        return new SuccessBodiesAreJson();
    }

    @Bean
    ProblemWriter problemWriter(ObjectMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            WebLimitsProperties limits, ProblemWriter problems) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(limits.maxBodySize().toBytes(), problems));
        // inside the slow clients' filter (ratelimit), which drains what a 413 left unread
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Last of all filters (innermost), so that no later filter or the application can flush a response early. */
    @Bean
    FilterRegistrationBean<DeferredFlushFilter> deferredFlushFilter() {
        FilterRegistrationBean<DeferredFlushFilter> registration = new FilterRegistrationBean<>(new DeferredFlushFilter());
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    /** Right after the body size limit, before authentication. */
    @Bean
    FilterRegistrationBean<MalformedQueryStringFilter> malformedQueryStringFilter(ProblemWriter problems) {
        FilterRegistrationBean<MalformedQueryStringFilter> registration =
                new FilterRegistrationBean<>(new MalformedQueryStringFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** With the other checks of the request's shape, before authentication: a body of no type, or encoded. */
    @Bean
    FilterRegistrationBean<BodyLabelsFilter> bodyLabelsFilter(ProblemWriter problems) {
        FilterRegistrationBean<BodyLabelsFilter> registration =
                new FilterRegistrationBean<>(new BodyLabelsFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
