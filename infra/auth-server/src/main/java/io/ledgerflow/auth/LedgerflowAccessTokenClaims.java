package io.ledgerflow.auth;

import java.util.List;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/** The claims the services rely on: {@code sub} and {@code client_id} = client id, {@code roles}, {@code aud}. */
final class LedgerflowAccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES = "roles";
    static final String CLIENT_ID = "client_id";

    private final String audience;

    LedgerflowAccessTokenClaims(String audience) {
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        RegisteredClient client = context.getRegisteredClient();
        context.getClaims()
                .subject(client.getClientId())
                .audience(List.of(audience))
                .claim(CLIENT_ID, client.getClientId())
                .claim(ROLES, ClientRoles.of(client));
    }
}
