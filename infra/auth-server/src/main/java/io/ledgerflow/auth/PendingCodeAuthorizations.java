package io.ledgerflow.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only the authorizations whose code has not been exchanged yet, and at most {@value #MAX_PENDING} of
 * them (the oldest leave first). Everything else needs no record: access tokens are self-contained JWTs that
 * resource servers validate on their own, and neither grant issues refresh tokens. A code, once exchanged,
 * is forgotten, so a second exchange of it finds nothing and is refused. The price: introspection reports
 * every token inactive and revocation has no effect.
 */
final class PendingCodeAuthorizations implements OAuth2AuthorizationService {

    static final int MAX_PENDING = 1_000;
    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private final Map<String, OAuth2Authorization> pending = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OAuth2Authorization> eldest) {
            return size() > MAX_PENDING;
        }
    };

    @Override
    public synchronized void save(OAuth2Authorization authorization) {
        boolean awaitsExchange = AuthorizationGrantType.AUTHORIZATION_CODE.equals(authorization.getAuthorizationGrantType())
                && authorization.getAccessToken() == null && authorization.getRefreshToken() == null;
        if (awaitsExchange) {
            pending.put(authorization.getId(), authorization);
        } else {
            pending.remove(authorization.getId());
        }
    }

    @Override
    public synchronized void remove(OAuth2Authorization authorization) {
        pending.remove(authorization.getId());
    }

    @Override
    public synchronized OAuth2Authorization findById(String id) {
        return pending.get(id);
    }

    @Override
    public synchronized OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return pending.values().stream().filter(authorization -> matches(authorization, token, tokenType)).findFirst().orElse(null);
    }

    private static boolean matches(OAuth2Authorization authorization, String token, OAuth2TokenType tokenType) {
        if (tokenType == null) {
            return Objects.equals(authorization.getAttribute(OAuth2ParameterNames.STATE), token)
                    || holds(authorization, OAuth2AuthorizationCode.class, token)
                    || holds(authorization, OAuth2AccessToken.class, token)
                    || holds(authorization, OAuth2RefreshToken.class, token);
        }
        if (STATE.equals(tokenType)) {
            return Objects.equals(authorization.getAttribute(OAuth2ParameterNames.STATE), token);
        }
        if (OAuth2ParameterNames.CODE.equals(tokenType.getValue())) {
            return holds(authorization, OAuth2AuthorizationCode.class, token);
        }
        if (OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
            return holds(authorization, OAuth2AccessToken.class, token);
        }
        return OAuth2TokenType.REFRESH_TOKEN.equals(tokenType) && holds(authorization, OAuth2RefreshToken.class, token);
    }

    private static <T extends OAuth2Token> boolean holds(OAuth2Authorization authorization, Class<T> type, String value) {
        OAuth2Authorization.Token<T> held = authorization.getToken(type);
        return held != null && held.getToken().getTokenValue().equals(value);
    }
}
