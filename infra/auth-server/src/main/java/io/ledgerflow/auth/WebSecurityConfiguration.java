package io.ledgerflow.auth;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The OAuth2 endpoints, the login page, the open health check, and nothing else. A browser that asks for
 * {@code /oauth2/authorize} without a login session is sent to the login page and back; every other request
 * without credentials is simply unauthorized.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    private static final String LOGIN_PAGE = "/login";

    /** Ahead of Spring Security's filters, so that no error of the authorization endpoint can redirect. */
    @Bean
    FilterRegistrationBean<AuthorizeRequestGuard> authorizeRequestGuard(RegisteredClientRepository clients) {
        FilterRegistrationBean<AuthorizeRequestGuard> registration =
                new FilterRegistrationBean<>(new AuthorizeRequestGuard(clients));
        registration.addUrlPatterns(AuthorizeRequestGuard.AUTHORIZE_PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Ahead of Spring Security's filters, so that a refused attempt costs no hashing of its secret. */
    @Bean
    FilterRegistrationBean<FailedSignInLimit> failedSignInLimit(
            @Value("${ledgerflow.auth.failed-sign-ins.capacity:20}") long capacity,
            @Value("${ledgerflow.auth.failed-sign-ins.per-second:1}") long perSecond) {
        FilterRegistrationBean<FailedSignInLimit> registration =
                new FilterRegistrationBean<>(new FailedSignInLimit(capacity, perSecond));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, AuthProperties properties) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // the dashboard page, on another origin, exchanges its code for a token from the browser
                .cors(cors -> cors.configurationSource(dashboardOrigins(properties.dashboard())))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), browserPages())
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain loginPageAndEverythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().denyAll())
                // Spring Security's generated login page at /login (with its CSRF token); after a successful
                // login, back to the authorization request that was interrupted
                .formLogin(Customizer.withDefaults())
                // a default entry point, not authenticationEntryPoint(...): that would switch the generated login page off
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /** A browser navigating (Accept: text/html), not a client that accepts anything. */
    private static MediaTypeRequestMatcher browserPages() {
        MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return matcher;
    }

    /** The origins of the dashboard's redirect URIs: the only pages that may call the token endpoint from a browser. */
    static CorsConfigurationSource dashboardOrigins(AuthProperties.Dashboard dashboard) {
        List<String> origins = dashboard.redirectUris().stream().map(WebSecurityConfiguration::originOf).distinct().toList();
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Content-Type", "Accept"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/oauth2/token", cors);
        source.registerCorsConfiguration("/oauth2/jwks", cors);
        source.registerCorsConfiguration("/.well-known/oauth-authorization-server", cors);
        return source;
    }

    private static String originOf(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }
}
