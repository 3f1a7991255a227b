package io.ledgerflow.servicekit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;

/**
 * Remembers the tokens its delegate verified (signature, issuer, audience, times), so that a caller sending the
 * same bearer token again and again is verified by RSA once, not on every request.
 * <ul>
 *   <li>The key is the whole token string, signature included: a token that differs in any character, a
 *       tampered signature too, is a miss and goes to the delegate.</li>
 *   <li>Only successes are remembered; every failure goes to the delegate again.</li>
 *   <li>An entry lives until the token's {@code exp} and at most {@code maximumAge}. A token without {@code exp}
 *       is not cached, nor is a certificate-bound one ({@code cnf}): its check depends on the request's client
 *       certificate.</li>
 *   <li>Every hit checks {@code exp} and {@code nbf} again, with the delegate's clock skew, so an expired token
 *       is never accepted from the cache.</li>
 * </ul>
 * <b>Key rotation:</b> a token verified before its signing key left the issuer's JWKS stays accepted until it
 * expires or {@code maximumAge} passes, whichever is first. Revoking a key therefore takes effect within
 * {@code maximumAge} at most, not at once; keep it short where that matters.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private static final String CERTIFICATE_BINDING = "cnf";

    private final JwtDecoder delegate;
    private final TokenLifetime lifetime;
    private final JwtTimestampValidator stillValid;
    private final Cache<String, Jwt> verified;

    /** @param clockSkew the delegate's: how long past {@code exp} it accepts a token */
    public CachingJwtDecoder(JwtDecoder delegate, long maximumSize, Duration maximumAge, Duration clockSkew) {
        this(delegate, maximumSize, maximumAge, clockSkew, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** {@code clock} judges the tokens' times, {@code ticker} the entries' ages. */
    CachingJwtDecoder(JwtDecoder delegate, long maximumSize, Duration maximumAge, Duration clockSkew, Clock clock,
                      Ticker ticker) {
        this.delegate = delegate;
        this.lifetime = new TokenLifetime(maximumAge, clock);
        this.stillValid = new JwtTimestampValidator(clockSkew);
        this.stillValid.setClock(clock);
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(lifetime).ticker(ticker).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = token == null ? null : verified.getIfPresent(token);
        if (cached != null) {
            return checkedAgain(token, cached);
        }
        Jwt jwt = delegate.decode(token);
        if (isCacheable(jwt)) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private Jwt checkedAgain(String token, Jwt cached) {
        OAuth2TokenValidatorResult times = stillValid.validate(cached);
        if (times.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(messageOf(times.getErrors()), times.getErrors());
        }
        return cached;
    }

    private boolean isCacheable(Jwt jwt) {
        if (jwt.getExpiresAt() == null || jwt.hasClaim(CERTIFICATE_BINDING)) {
            return false;
        }
        Duration remaining = lifetime.remaining(jwt);
        return !remaining.isNegative() && !remaining.isZero();
    }

    /** The message NimbusJwtDecoder gives the same failure, so a 401 reads alike whether cached or not. */
    private static String messageOf(Collection<OAuth2Error> errors) {
        return errors.stream().map(OAuth2Error::getDescription).filter(d -> d != null && !d.isEmpty()).findFirst()
                .map(d -> "An error occurred while attempting to decode the Jwt: " + d)
                .orElse("Unable to validate Jwt");
    }
}
