package io.ledgerflow.servicekit.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import io.ledgerflow.servicekit.ratelimit.ClientAddressRateLimitFilter;
import io.ledgerflow.servicekit.ratelimit.RateLimitFilter;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.SupportedMethods;
import org.springframework.beans.factory.ObjectProvider;
import io.ledgerflow.servicekit.web.WebEdgeAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every service is an OAuth2 resource server: a JWT signed by the issuer's keys, with our issuer and audience,
 * not expired. The API is stateless (bearer tokens, no cookies, no sessions), so there is no CSRF token to
 * check: a browser cannot attach a bearer token to a forged request on its own.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class},
        after = WebEdgeAutoConfiguration.class)
@EnableWebSecurity
@EnableConfigurationProperties(LedgerSecurityProperties.class)
public class LedgerSecurityAutoConfiguration {

    /** The issuer's keys are fetched with bounded waits: a fetch that hangs holds up every token with a new key. */
    static final Duration JWK_SET_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration JWK_SET_READ_TIMEOUT = Duration.ofSeconds(5);
    static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs",
            "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"};

    /** What {@link StrictHttpFirewall} lets through by default. */
    private static final Set<String> FIREWALL_METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST",
            "PUT");

    /** Verifies each token by its signature once, then remembers it for a while (see {@link CachingJwtDecoder}). */
    @Bean
    JwtDecoder jwtDecoder(LedgerSecurityProperties properties) {
        IssuerKeys keys = IssuerKeys.fetchedFrom(properties.effectiveJwkSetUri(), JWK_SET_CONNECT_TIMEOUT,
                JWK_SET_READ_TIMEOUT, properties.jwkSetRefetchInterval());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.effectiveJwkSetUri())
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(
                        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys)))
                .build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(properties.audience()));
        // exp is checked only when present, and nothing needs sub: a token without exp would never expire, and
        // callers without sub would share one rate-limit bucket and one namespace of idempotency keys
        OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
        OAuth2TokenValidator<Jwt> subject = new JwtClaimValidator<String>(JwtClaimNames.SUB,
                sub -> sub != null && !sub.isBlank());
        // Spring's default timestamp check allows 60 s past exp; ours allows clockSkew (none by default)
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(
                new JwtTimestampValidator(properties.clockSkew()), new JwtIssuerValidator(properties.issuer()),
                audience, expires, subject)));
        LedgerSecurityProperties.TokenCache cache = properties.tokenCache();
        return cache.enabled() ? new CachingJwtDecoder(decoder, cache.maximumSize(), cache.maximumAge(),
                properties.clockSkew()) : decoder;
    }

    /**
     * Endpoint rules match paths as Spring MVC's own {@code PathPattern}s do, without asking Spring MVC which
     * handler a request goes to (Spring Security 6.5's opt-in, its default from 7.0). That is what lets
     * {@link SingleHandlerLookup} take out the handler lookup done for every request in front of the chain.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    static BeanFactoryPostProcessor singleHandlerLookup() {
        return new SingleHandlerLookup();
    }

    /** Spring Security's default firewall, accepting exactly what it accepts, with a fast path for ASCII headers. */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(new PrintableAsciiFirst(StrictHttpFirewall.ALLOWED_HEADER_NAMES));
        firewall.setAllowedHeaderValues(new PrintableAsciiFirst(StrictHttpFirewall.ALLOWED_HEADER_VALUES));
        firewall.setAllowedParameterNames(new PrintableAsciiFirst(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES));
        return firewall;
    }

    /**
     * URLs the firewall refuses (encoded slashes, NULs, …) get a problem too, not an empty 400; a method it refuses
     * (TRACE, made-up ones) is answered as Spring MVC answers a method no endpoint of the path has: 405 with the
     * path's methods in {@code Allow}, or 404 where no endpoint has the path. Tomcat has already put an {@code Allow}
     * of its own on a TRACE (every method the servlet could take); a 404 empties it, as it cannot be taken off.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems,
                                                  ObjectProvider<HandlerMappingIntrospector> introspector) {
        SupportedMethods supportedMethods = new SupportedMethods(introspector::getIfAvailable);
        return (request, response, rejected) -> {
            if (!FIREWALL_METHODS.contains(request.getMethod())) {
                Optional<String> allow = supportedMethods.allowFor(request);
                if (allow.isPresent()) {
                    response.setHeader(HttpHeaders.ALLOW, allow.get());
                    problems.write(response, HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                            "this API answers no " + request.getMethod() + " request");
                } else {
                    if (response.containsHeader(HttpHeaders.ALLOW)) {
                        response.setHeader(HttpHeaders.ALLOW, "");
                    }
                    String path = SupportedMethods.requestUri(request);
                    problems.write(response, HttpStatus.NOT_FOUND, "NOT_FOUND", "No resource at " + path, path);
                }
                return;
            }
            problems.write(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                    "the request URL or a header contains characters this API does not accept");
        };
    }


    @Bean
    ProblemAuthenticationHandlers problemAuthenticationHandlers(ProblemWriter problems, RateLimitFilter rateLimits) {
        return new ProblemAuthenticationHandlers(problems, rateLimits);
    }

    private static CorsConfigurationSource corsConfigurationSource(LedgerSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.corsAllowedOrigins().stream().filter(o -> !o.isBlank()).toList();
        if (!origins.isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(origins);
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "OPTIONS"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-None-Match",
                    "If-Match", "X-Correlation-Id", "X-Consistency-Token", "Last-Event-ID"));
            cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                    "RateLimit-Reset", "X-Correlation-Id", "X-Consistency-Token", "Idempotent-Replayed"));
            source.registerCorsConfiguration("/**", cors);
        }
        return source;
    }

    /** Not a bean: Spring Security's chain runs it, and the container must not run it a second time. */
    private static CorsFilter corsFilter(LedgerSecurityProperties properties, ProblemWriter problems) {
        CorsFilter filter = new CorsFilter(corsConfigurationSource(properties));
        filter.setCorsProcessor(new ProblemCorsProcessor(problems));
        return filter;
    }

    @Bean
    SecurityFilterChain ledgerSecurityFilterChain(HttpSecurity http, EndpointPolicy policy, JwtDecoder decoder,
                                                  LedgerSecurityProperties properties, RateLimitFilter rateLimits,
                                                  ClientAddressRateLimitFilter addressLimits,
                                                  ProblemAuthenticationHandlers problems,
                                                  ProblemWriter problemWriter) throws Exception {
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(new RolesClaimConverter(properties.rolesClaim()));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // no session to end: its filter answered /logout, any method, with a 302 to a /login that is not there
                .logout(logout -> logout.disable())
                .addFilter(corsFilter(properties, problemWriter))
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                        .maxAgeInSeconds(31_536_000)))
                .authorizeHttpRequests(endpoints -> {
                    endpoints.requestMatchers(PUBLIC).permitAll();
                    policy.authorize(endpoints);
                    endpoints.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new OneAuthorizationHeader(new PlainBearerFirst()))
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // Spring's own handler rethrows a token that could not be checked, which answered 500
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // per address before the token is checked (invalid tokens count), per subject after
                .addFilterBefore(addressLimits, BearerTokenAuthenticationFilter.class)
                .addFilterAfter(rateLimits, BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
