package io.ledgerflow.servicekit.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A token naming a signing key the issuer's set lacks makes the set be fetched again, but not once per token:
 * made-up key ids must not turn each request to the API into a request to the issuer. Also: the decoder as
 * configured refuses a token as soon as its {@code exp} has passed.
 */
class UnknownSigningKeyTest {

    private static final String AUDIENCE = "ledgerflow";

    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer issuer;

    @BeforeEach
    void issuer() throws IOException {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/oauth2/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(List.copyOf(published)).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        issuer.start();
    }

    @AfterEach
    void stop() {
        issuer.stop(0);
    }

    @Test
    void tokens_naming_unknown_keys_are_refused_401_and_fetch_the_key_set_again_once_per_interval() throws Exception {
        RSAKey signing = key("k-1");
        published.add(signing);
        JwtDecoder decoder = decoder(Duration.ofHours(1));
        decoder.decode(token(signing, "k-1"));
        assertThat(fetches).hasValue(1);

        RSAKey forger = key("forged");
        for (int i = 0; i < 50; i++) {
            String forged = token(forger, "made-up-" + i);
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        }

        assertThat(fetches).as("one fetch forced by the first unknown key, none by the 49 after it").hasValue(2);
        decoder.decode(token(signing, "k-1"));
        assertThat(fetches).hasValue(2);
    }

    @Test
    void a_key_the_issuer_starts_using_is_found_by_the_first_token_naming_it() throws Exception {
        RSAKey first = key("k-1");
        published.add(first);
        JwtDecoder decoder = decoder(Duration.ofHours(1));
        decoder.decode(token(first, "k-1"));

        RSAKey rotated = key("k-2");
        published.add(rotated);

        assertThat(decoder.decode(token(rotated, "k-2")).getSubject()).isEqualTo("alice");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void a_key_started_within_the_interval_after_a_forced_fetch_is_found_once_the_interval_has_passed() throws Exception {
        RSAKey first = key("k-1");
        published.add(first);
        AtomicLong now = new AtomicLong(1_000_000);
        IssuerKeys keys = new IssuerKeys(new CachingJWKSetSource<>(new URLBasedJWKSetSource<>(jwkSetUri().toURL(),
                new DefaultResourceRetriever(2000, 5000)), JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE,
                JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, null), Duration.ofSeconds(15), now::get);
        JwtDecoder decoder = new NimbusJwtDecoder(processorOver(keys));

        assertThatThrownBy(() -> decoder.decode(token(key("forged"), "made-up"))).isInstanceOf(BadJwtException.class);
        RSAKey rotated = key("k-2");
        published.add(rotated);
        now.addAndGet(Duration.ofSeconds(14).toMillis());
        assertThatThrownBy(() -> decoder.decode(token(rotated, "k-2"))).isInstanceOf(BadJwtException.class);

        now.addAndGet(Duration.ofSeconds(1).toMillis());
        assertThat(decoder.decode(token(rotated, "k-2")).getSubject()).isEqualTo("alice");
        assertThat(fetches).as("the first fetch, the forced one at 0 s, the one at 15 s").hasValue(3);
    }

    @Test
    void a_token_is_refused_as_soon_as_its_exp_has_passed_with_no_clock_skew_by_default() throws Exception {
        RSAKey signing = key("k-1");
        published.add(signing);
        JwtDecoder decoder = decoder(Duration.ofHours(1));

        String expired = token(signing, "k-1", Instant.now().minusSeconds(2));

        assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("Jwt expired");
        assertThat(decoder.decode(token(signing, "k-1", Instant.now().plusSeconds(30))).getSubject())
                .isEqualTo("alice");
    }

    private JwtDecoder decoder(Duration refetchInterval) {
        return new LedgerSecurityAutoConfiguration().jwtDecoder(new LedgerSecurityProperties(issuerUri(),
                jwkSetUri().toString(), AUDIENCE, "roles", List.of(),
                new LedgerSecurityProperties.TokenCache(0, Duration.ofMinutes(5)), refetchInterval, Duration.ZERO));
    }

    private static DefaultJWTProcessor<SecurityContext> processorOver(IssuerKeys keys) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        return processor;
    }

    private String issuerUri() {
        return "http://127.0.0.1:" + issuer.getAddress().getPort();
    }

    private URI jwkSetUri() {
        return URI.create(issuerUri() + "/oauth2/jwks");
    }

    private static RSAKey key(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    private String token(RSAKey signer, String kid) throws JOSEException {
        return token(signer, kid, Instant.now().plusSeconds(300));
    }

    private String token(RSAKey signer, String kid, Instant expiresAt) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuerUri()).audience(AUDIENCE).subject("alice")
                .expirationTime(Date.from(expiresAt)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }
}
