package io.ledgerflow.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/** Issuer, clients, users, secrets and token claims of the authorization server. */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(AuthProperties properties, PasswordEncoder passwordEncoder) {
        return RegisteredClients.from(properties, passwordEncoder);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> ledgerflowAccessTokenClaims(AuthProperties properties) {
        return new LedgerflowAccessTokenClaims(properties.audience());
    }

    @Bean
    UserDetailsService signInUsers(AuthProperties properties, PasswordEncoder passwordEncoder) {
        return SignInUsers.from(properties, passwordEncoder);
    }

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new PendingCodeAuthorizations();
    }
}
