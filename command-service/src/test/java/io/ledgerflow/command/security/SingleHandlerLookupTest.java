package io.ledgerflow.command.security;

import io.ledgerflow.command.support.CommandServiceTest;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.test.util.ReflectionTestUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's handler is looked up once, by the {@code DispatcherServlet}: Spring Security's chain is not wrapped in
 * the filter that looks it up beforehand, and its rules match paths without asking Spring MVC. Fails after a Spring
 * Security upgrade that wraps its chain differently (the service then still works, at the old cost).
 */
class SingleHandlerLookupTest extends CommandServiceTest {

    /** Spring Security's own proxy, or its wrapper that parses the request's path once for the path patterns. */
    private static final List<String> CHAIN_WITHOUT_HANDLER_LOOKUP = List.of(FilterChainProxy.class.getName(),
            "org.springframework.security.config.annotation.web.configuration.WebSecurityConfiguration$"
                    + "CompositeFilterChainProxy");

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter securityChain;

    @Autowired
    ApplicationContext context;

    @Test
    void the_security_chain_is_not_wrapped_in_the_handler_lookup_of_spring_securitys_mvc_support() {
        assertThat(securityChain.getClass().getName()).isIn(CHAIN_WITHOUT_HANDLER_LOOKUP);
    }

    /**
     * Equivalence with Spring's resolver: {@code PlainBearerFirstProperties}; here, that the chain uses it, behind the
     * check that a request carries one Authorization header.
     */
    @Test
    void bearer_tokens_are_read_by_the_resolver_with_the_plain_fast_path() {
        BearerTokenAuthenticationFilter bearer = context.getBean(FilterChainProxy.class).getFilterChains().stream()
                .flatMap(chain -> chain.getFilters().stream())
                .filter(BearerTokenAuthenticationFilter.class::isInstance).map(BearerTokenAuthenticationFilter.class::cast)
                .findFirst().orElseThrow();

        Object resolver = ReflectionTestUtils.getField(bearer, "bearerTokenResolver");
        assertThat(resolver.getClass().getSimpleName()).isEqualTo("OneAuthorizationHeader");
        assertThat(ReflectionTestUtils.getField(resolver, "resolver").getClass().getSimpleName())
                .isEqualTo("PlainBearerFirst");
    }

    @Test
    void endpoint_rules_are_path_patterns_that_need_no_handler_lookup() {
        assertThat(context.getBeanProvider(PathPatternRequestMatcher.Builder.class).getIfUnique()).isNotNull();
    }
}
