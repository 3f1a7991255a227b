package io.ledgerflow.testkit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Minting needs no running server: these run even before the auth-server jar exists. */
class TokenMinterTest {

    private static final RSAKey SERVER_KEY = SigningKeyFiles.generate();
    private final TokenMinter minter = new TokenMinter(SERVER_KEY, "http://localhost:9000", "ledgerflow");

    @Test
    void startsFromValidClaimsForAlice() throws Exception {
        SignedJWT token = SignedJWT.parse(minter.mint(claims -> { }));

        assertThat(token.verify(new RSASSAVerifier(SERVER_KEY.toPublicJWK()))).isTrue();
        assertThat(token.getHeader().getKeyID()).isEqualTo(SERVER_KEY.getKeyID());
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:9000");
        assertThat(claims.getAudience()).containsExactly("ledgerflow");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("client");
        assertThat(claims.getExpirationTime().toInstant()).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
    }

    @Test
    void expiredTokensExpiredBeyondTheClockSkew() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(minter.expired("bob", "client")).getJWTClaimsSet();

        assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().minusSeconds(120));
        assertThat(claims.getNotBeforeTime()).isBefore(claims.getExpirationTime());
    }

    @Test
    void aTamperedOrForeignSignatureDoesNotVerify() throws Exception {
        String valid = minter.mint(claims -> claims.subject("bob"));
        RSASSAVerifier verifier = new RSASSAVerifier(SERVER_KEY.toPublicJWK());

        assertThat(SignedJWT.parse(TokenMinter.tamper(valid)).verify(verifier)).isFalse();
        assertThat(SignedJWT.parse(minter.foreignKey("bob", "client")).verify(verifier)).isFalse();
        assertThatThrownBy(() -> TokenMinter.tamper("not-a-jwt")).isInstanceOf(IllegalArgumentException.class);
    }
}
