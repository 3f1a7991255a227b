package io.ledgerflow.servicekit.security;

import io.ledgerflow.testkit.SettableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwtDecoderTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLWFsaWNl";
    private static final Duration MAXIMUM_AGE = Duration.ofMinutes(5);

    private final SettableClock clock = new SettableClock(Instant.parse("2025-01-01T12:00:00Z"));
    private final CountingDecoder delegate = new CountingDecoder();
    /** Entries age with the clock. */
    private final CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, 100, MAXIMUM_AGE, Duration.ZERO, clock,
            clock::nanos);

    @Test
    void one_token_used_again_and_again_is_verified_once() {
        Jwt jwt = jwt(TOKEN, clock.instant().plus(Duration.ofMinutes(2)));
        delegate.accepting(jwt);

        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode(TOKEN)).isSameAs(jwt);
        }

        assertThat(delegate.calls(TOKEN)).isEqualTo(1);
    }

    @Test
    void an_expired_token_is_refused_even_while_it_is_still_cached() {
        Instant expiry = clock.instant().plus(Duration.ofMinutes(2));
        delegate.accepting(jwt(TOKEN, expiry));
        // the cache's own time stands still, so only the check on each hit stands between the token and the caller
        CachingJwtDecoder stillCaching = new CachingJwtDecoder(delegate, 100, MAXIMUM_AGE, Duration.ZERO, clock,
                () -> 0L);
        stillCaching.decode(TOKEN);

        clock.advance(Duration.ofMinutes(2).minusSeconds(1));
        assertThat(stillCaching.decode(TOKEN)).as("a second before its exp").isNotNull();
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> stillCaching.decode(TOKEN)).isInstanceOf(JwtValidationException.class)
                .hasMessage("An error occurred while attempting to decode the Jwt: Jwt expired at " + expiry);

        assertThat(delegate.calls(TOKEN)).isEqualTo(1);
    }

    @Test
    void a_clock_skew_keeps_a_cached_token_accepted_that_long_past_its_exp_as_the_delegate_does() {
        Instant expiry = clock.instant().plus(Duration.ofMinutes(2));
        delegate.accepting(jwt(TOKEN, expiry));
        CachingJwtDecoder skewed = new CachingJwtDecoder(delegate, 100, MAXIMUM_AGE, Duration.ofSeconds(30), clock,
                () -> 0L);
        skewed.decode(TOKEN);

        clock.advance(Duration.ofMinutes(2).plusSeconds(29));
        assertThat(skewed.decode(TOKEN)).isNotNull();
        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> skewed.decode(TOKEN)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void a_token_differing_in_one_signature_character_goes_to_the_delegate_and_its_failure_propagates() {
        delegate.accepting(jwt(TOKEN, clock.instant().plus(Duration.ofMinutes(2))));
        decoder.decode(TOKEN);
        String tampered = TOKEN.substring(0, TOKEN.length() - 1) + "w";

        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("Invalid signature");

        assertThat(delegate.calls(tampered)).isEqualTo(1);
    }

    @Test
    void failures_are_not_cached() {
        String unknown = TOKEN + "x";

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode(unknown)).isInstanceOf(BadJwtException.class);
        }

        assertThat(delegate.calls(unknown)).isEqualTo(3);
    }

    @Test
    void a_token_without_exp_is_not_cached() {
        delegate.accepting(Jwt.withTokenValue(TOKEN).header("alg", "RS256").subject("alice").build());

        decoder.decode(TOKEN);
        decoder.decode(TOKEN);

        assertThat(delegate.calls(TOKEN)).isEqualTo(2);
    }

    @Test
    void a_certificate_bound_token_is_not_cached_as_its_check_depends_on_the_request() {
        delegate.accepting(Jwt.withTokenValue(TOKEN).header("alg", "RS256").subject("alice")
                .expiresAt(clock.instant().plus(Duration.ofMinutes(2))).claim("cnf", Map.of("x5t#S256", "thumbprint"))
                .build());

        decoder.decode(TOKEN);
        decoder.decode(TOKEN);

        assertThat(delegate.calls(TOKEN)).isEqualTo(2);
    }

    @Test
    void an_entry_lives_no_longer_than_its_token() {
        delegate.accepting(jwt(TOKEN, clock.instant().plus(Duration.ofMinutes(2))));
        decoder.decode(TOKEN);

        clock.advance(Duration.ofMinutes(2).minusSeconds(1));
        decoder.decode(TOKEN);
        assertThat(delegate.calls(TOKEN)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        decoder.decode(TOKEN);
        assertThat(delegate.calls(TOKEN)).isEqualTo(2);
    }

    @Test
    void an_entry_lives_no_longer_than_the_maximum_age_however_late_its_token_expires() {
        delegate.accepting(jwt(TOKEN, clock.instant().plus(Duration.ofHours(1))));
        decoder.decode(TOKEN);

        clock.advance(MAXIMUM_AGE.minusSeconds(1));
        decoder.decode(TOKEN);
        assertThat(delegate.calls(TOKEN)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        decoder.decode(TOKEN);
        assertThat(delegate.calls(TOKEN)).isEqualTo(2);
    }

    private Jwt jwt(String token, Instant expiresAt) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(clock.instant()).expiresAt(expiresAt).build();
    }
}
