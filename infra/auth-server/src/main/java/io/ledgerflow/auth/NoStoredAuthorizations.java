package io.ledgerflow.auth;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps no record of issued tokens. The default in-memory service would hold every token ever issued for
 * the life of the process, and nothing needs them: access tokens are self-contained JWTs that resource
 * servers validate on their own, and client credentials issue no refresh tokens. The price: introspection
 * reports every token inactive and revocation has no effect.
 */
final class NoStoredAuthorizations implements OAuth2AuthorizationService {

    @Override
    public void save(OAuth2Authorization authorization) {
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return null;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return null;
    }
}
