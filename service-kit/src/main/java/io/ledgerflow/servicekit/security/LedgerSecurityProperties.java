package io.ledgerflow.servicekit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * @param issuer      the {@code iss} every token must carry (any OIDC provider; Keycloak: {@code https://host/realms/name})
 * @param jwkSetUri   where the issuer publishes its signing keys; {@code <issuer>/oauth2/jwks} when empty
 * @param audience    a value every token's {@code aud} must contain
 * @param rolesClaim  the claim holding the roles, a dotted path for nested claims (Keycloak: {@code realm_access.roles})
 * @param corsAllowedOrigins browser origins allowed to call the API; none by default
 */
@ConfigurationProperties("ledgerflow.security")
public record LedgerSecurityProperties(@DefaultValue("http://localhost:9000") String issuer,
                                       @DefaultValue("") String jwkSetUri,
                                       @DefaultValue("ledgerflow") String audience,
                                       @DefaultValue("roles") String rolesClaim,
                                       @DefaultValue("") List<String> corsAllowedOrigins) {

    public String effectiveJwkSetUri() {
        return jwkSetUri == null || jwkSetUri.isBlank() ? issuer.replaceAll("/+$", "") + "/oauth2/jwks" : jwkSetUri;
    }
}
