package io.ledgerflow.auth;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The claims the services rely on: {@code sub}, {@code client_id}, {@code roles}, {@code aud}. A client acting
 * for itself (client credentials) is its own subject and has its configured roles; a person signed in through
 * a client (authorization code) is the subject, with their own roles, and {@code client_id} names the client.
 */
final class LedgerflowAccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES = "roles";
    static final String CLIENT_ID = "client_id";
    private static final String ROLE_PREFIX = "ROLE_";

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
        boolean forAPerson = AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType());
        Authentication principal = context.getPrincipal();
        context.getClaims()
                .subject(forAPerson ? principal.getName() : client.getClientId())
                .audience(List.of(audience))
                .claim(CLIENT_ID, client.getClientId())
                .claim(ROLES, forAPerson ? rolesOf(principal) : ClientRoles.of(client));
    }

    private static List<String> rolesOf(Authentication person) {
        return person.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .toList();
    }
}
