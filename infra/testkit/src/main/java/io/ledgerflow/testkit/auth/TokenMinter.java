package io.ledgerflow.testkit.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs tokens offline, with the server's own key (or deliberately with another one) for negative tests. */
final class TokenMinter {

    static final String DEFAULT_SUBJECT = "alice";
    static final List<String> DEFAULT_ROLES = List.of("client");
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    // well beyond the 60 s clock skew resource servers tolerate by default
    private static final Duration LONG_AGO = Duration.ofMinutes(10);

    private final RSAKey signingKey;
    private final String issuer;
    private final String audience;
    private RSAKey impostorKey;

    TokenMinter(RSAKey signingKey, String issuer, String audience) {
        this.signingKey = signingKey;
        this.issuer = issuer;
        this.audience = audience;
    }

    String mint(Consumer<JWTClaimsSet.Builder> customizer) {
        return sign(signingKey, customizer);
    }

    String expired(String subject, String... roles) {
        Instant issuedAt = Instant.now().minus(LONG_AGO);
        return mint(claims -> forPrincipal(claims, subject, roles)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(LIFETIME))));
    }

    String wrongIssuer(String subject, String... roles) {
        return mint(claims -> forPrincipal(claims, subject, roles).issuer("http://wrong-issuer.invalid"));
    }

    String wrongAudience(String subject, String... roles) {
        return mint(claims -> forPrincipal(claims, subject, roles).audience("not-" + audience));
    }

    synchronized String foreignKey(String subject, String... roles) {
        if (impostorKey == null) {
            impostorKey = SigningKeyFiles.impostorOf(signingKey);
        }
        return sign(impostorKey, claims -> forPrincipal(claims, subject, roles));
    }

    /** The same header and claims under a signature with one bit flipped. */
    static String tamper(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not a signed JWT (header.payload.signature): " + jwt);
        }
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    static JWTClaimsSet.Builder forPrincipal(JWTClaimsSet.Builder claims, String subject, String... roles) {
        return claims.subject(subject).claim("client_id", subject).claim("roles", List.of(roles));
    }

    private String sign(RSAKey key, Consumer<JWTClaimsSet.Builder> customizer) {
        JWTClaimsSet.Builder claims = validClaims();
        customizer.accept(claims);
        // the server's own header: alg and kid, no typ
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return forPrincipal(new JWTClaimsSet.Builder(), DEFAULT_SUBJECT, DEFAULT_ROLES.toArray(String[]::new))
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
    }
}
