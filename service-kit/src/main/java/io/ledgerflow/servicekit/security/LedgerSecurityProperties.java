package io.ledgerflow.servicekit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param issuer      the {@code iss} every token must carry (any OIDC provider; Keycloak: {@code https://host/realms/name})
 * @param jwkSetUri   where the issuer publishes its signing keys; {@code <issuer>/oauth2/jwks} when empty
 * @param audience    a value every token's {@code aud} must contain
 * @param rolesClaim  the claim holding the roles, a dotted path for nested claims (Keycloak: {@code realm_access.roles})
 * @param corsAllowedOrigins browser origins allowed to call the API; none by default
 * @param tokenCache  verified tokens kept in memory, so a token is not verified again on every request
 * @param jwkSetRefetchInterval the least time between two fetches of the JWK set forced by tokens naming a key it
 *                    lacks (see {@link IssuerKeys}); a key the issuer starts using within it is found at its end
 * @param clockSkew   how long after its {@code exp} (and before its {@code nbf}) a token is still accepted, for an
 *                    issuer whose clock disagrees with ours; none by default, so an expired token moves no money
 */
@ConfigurationProperties("ledgerflow.security")
public record LedgerSecurityProperties(@DefaultValue("http://localhost:9000") String issuer,
                                       @DefaultValue("") String jwkSetUri,
                                       @DefaultValue("ledgerflow") String audience,
                                       @DefaultValue("roles") String rolesClaim,
                                       @DefaultValue("") List<String> corsAllowedOrigins,
                                       @DefaultValue TokenCache tokenCache,
                                       @DefaultValue("15s") Duration jwkSetRefetchInterval,
                                       @DefaultValue("0s") Duration clockSkew) {

    public LedgerSecurityProperties {
        if (jwkSetRefetchInterval.isNegative()) {
            throw new IllegalArgumentException("jwk-set-refetch-interval must not be negative: " + jwkSetRefetchInterval);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock-skew must not be negative: " + clockSkew);
        }
    }

    public String effectiveJwkSetUri() {
        return jwkSetUri == null || jwkSetUri.isBlank() ? issuer.replaceAll("/+$", "") + "/oauth2/jwks" : jwkSetUri;
    }

    /**
     * See {@link CachingJwtDecoder}.
     *
     * @param maximumSize tokens kept at most, the least used leaving first; 0 turns the cache off
     * @param maximumAge  the longest a token is accepted without being verified again, even if it expires later;
     *                    also how long a token signed by a key removed from the JWKS may still be accepted
     */
    public record TokenCache(@DefaultValue("10000") long maximumSize, @DefaultValue("5m") Duration maximumAge) {

        public TokenCache {
            if (maximumSize < 0) {
                throw new IllegalArgumentException("token-cache.maximum-size must be 0 (off) or more: " + maximumSize);
            }
            if (maximumAge.isNegative() || maximumAge.isZero()) {
                throw new IllegalArgumentException("token-cache.maximum-age must be positive: " + maximumAge);
            }
        }

        boolean enabled() {
            return maximumSize > 0;
        }
    }
}
