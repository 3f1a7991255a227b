package io.ledgerflow.servicekit.security;

import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;

/**
 * How long a verified token may stay in {@link CachingJwtDecoder}'s cache: until its own {@code exp}, and never
 * longer than {@code maximumAge}. Only tokens with an {@code exp} are cached.
 */
record TokenLifetime(Duration maximumAge, Clock clock) implements Expiry<String, Jwt> {

    TokenLifetime {
        if (maximumAge.isNegative() || maximumAge.isZero()) {
            throw new IllegalArgumentException("the maximum age of a cached token must be positive: " + maximumAge);
        }
    }

    /** Zero or less for a token whose {@code exp} has passed. */
    Duration remaining(Jwt jwt) {
        Duration untilExpiry = Duration.between(clock.instant(), jwt.getExpiresAt());
        return untilExpiry.compareTo(maximumAge) < 0 ? untilExpiry : maximumAge;
    }

    @Override
    public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
        Duration remaining = remaining(jwt);
        return remaining.isNegative() ? 0 : remaining.toNanos();
    }

    @Override
    public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
        return expireAfterCreate(token, jwt, currentTime);
    }

    @Override
    public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
        return currentDuration;
    }
}
