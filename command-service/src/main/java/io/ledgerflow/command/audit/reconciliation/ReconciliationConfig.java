package io.ledgerflow.command.audit.reconciliation;

import io.ledgerflow.servicekit.security.LedgerSecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

/**
 * The command-service's own identity towards the query-service: a client-credentials token from the authorization
 * server, kept while it is valid and fetched again when it expires. None of these objects is a bean, so Spring
 * Boot's OAuth2 client auto-configuration (log-in flows for browsers) stays off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationProperties.class)
class ReconciliationConfig {

    private static final String REGISTRATION = "query-service";

    @Bean
    ProjectedAccounts projectedAccounts(ReconciliationProperties properties, LedgerSecurityProperties security) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.readTimeout());
        RestClient queryService = RestClient.builder()
                .baseUrl(properties.queryServiceUrl().toString())
                .requestFactory(requests)
                .requestInterceptor(tokens(properties, security, requests))
                .build();
        return new ProjectedAccounts(queryService, properties.pageSize());
    }

    private static OAuth2ClientHttpRequestInterceptor tokens(ReconciliationProperties properties,
                                                             LedgerSecurityProperties security,
                                                             JdkClientHttpRequestFactory requests) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(properties.effectiveTokenUri(security.issuer()).toString())
                .build();
        var registrations = new InMemoryClientRegistrationRepository(registration);
        var authorizedClients = new InMemoryOAuth2AuthorizedClientService(registrations);
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(clientCredentials -> clientCredentials.accessTokenResponseClient(tokenClient(requests)))
                .build());
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION);
        // the token is the service's, whoever asked for the reconciliation: one principal, one cached token
        Authentication service = UsernamePasswordAuthenticationToken.unauthenticated(properties.clientId(), null);
        interceptor.setPrincipalResolver(request -> service);
        // a token the query-service refuses (401) is dropped, so the next request fetches a new one
        interceptor.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        return interceptor;
    }

    /** The token request, with the same timeouts as the query-service's pages. */
    private static RestClientClientCredentialsTokenResponseClient tokenClient(JdkClientHttpRequestFactory requests) {
        var client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(RestClient.builder()
                .requestFactory(requests)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }
}
