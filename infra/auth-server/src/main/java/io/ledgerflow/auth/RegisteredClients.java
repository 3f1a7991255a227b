package io.ledgerflow.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Turns {@code ledgerflow.auth.clients} into client-credentials clients, and adds the dashboard page's public
 * client: authorization code with PKCE (S256) required, no secret, no consent screen, no refresh tokens (a
 * signed-in person whose token expires signs in again, silently while their login session lasts).
 */
final class RegisteredClients {

    private static final Pattern ENCODED_SECRET = Pattern.compile("^\\{[A-Za-z0-9_-]*}.+");

    private RegisteredClients() {
    }

    static RegisteredClientRepository from(AuthProperties properties, PasswordEncoder passwordEncoder) {
        if (properties.clients().isEmpty()) {
            throw new IllegalArgumentException("ledgerflow.auth.clients is empty: no client could get a token");
        }
        List<RegisteredClient> clients = new ArrayList<>(properties.clients().stream()
                .map(client -> toRegisteredClient(client, properties.tokenLifetime(), passwordEncoder))
                .toList());
        if (!properties.dashboard().redirectUris().isEmpty()) {
            clients.add(dashboard(properties.dashboard(), properties.tokenLifetime()));
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    private static RegisteredClient dashboard(AuthProperties.Dashboard dashboard, Duration lifetime) {
        return RegisteredClient.withId(dashboard.clientId())
                .clientId(dashboard.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(dashboard.redirectUris()))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(lifetime)
                        .build())
                .build();
    }

    private static RegisteredClient toRegisteredClient(AuthProperties.Client client, Duration defaultLifetime, PasswordEncoder passwordEncoder) {
        Duration lifetime = client.tokenLifetime() != null ? client.tokenLifetime() : defaultLifetime;
        return RegisteredClient.withId(client.id())
                .clientId(client.id())
                .clientSecret(encoded(client.secret(), passwordEncoder))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder().setting(ClientRoles.SETTING, client.roles()).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(lifetime)
                        .build())
                .build();
    }

    /** A secret given as {@code {bcrypt}...} (or any {@code {id}}) is used as is, so configuration need not hold plain text. */
    static String encoded(String secret, PasswordEncoder passwordEncoder) {
        return ENCODED_SECRET.matcher(secret).matches() ? secret : passwordEncoder.encode(secret);
    }
}
