package io.ledgerflow.testkit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The test kit's {@link AuthorizationServer} against the real authorization server jar. It lives here, not in
 * the testkit (which builds before this module), and runs with failsafe after {@code package}: the jar it
 * runs is this module's own, so it runs on every {@code ./mvnw verify}, never skipped.
 */
class AuthorizationServerIT {

    static AuthorizationServer server;
    static JWKSet published;

    @BeforeAll
    static void startServer() throws Exception {
        server = AuthorizationServer.shared();
        published = JWKSet.load(URI.create(server.jwkSetUri()).toURL());
    }

    @Test
    void aliceGetsATokenWithTheClientRoleOverHttp() throws Exception {
        SignedJWT token = SignedJWT.parse(server.token("alice"));

        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles")).containsExactly("client");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getIssuer()).isEqualTo(server.issuer());
        assertThat(claims.getAudience()).containsExactly(server.audience());
        assertThat(verifiesWithPublishedKey(token)).isTrue();
    }

    @Test
    void aWrongSecretIsRefusedWith401() {
        assertThatThrownBy(() -> server.token("alice", "not-alices-secret"))
                .isInstanceOfSatisfying(TokenRequestException.class, refused -> assertThat(refused.status()).isEqualTo(401));
    }

    @Test
    void mintedTokensLookLikeIssuedOnes() throws Exception {
        SignedJWT issued = SignedJWT.parse(server.token("operator"));
        SignedJWT minted = SignedJWT.parse(server.mint(claims -> claims.subject("carol")));

        assertThat(verifiesWithPublishedKey(minted)).isTrue();
        assertThat(minted.getHeader().toJSONObject()).isEqualTo(issued.getHeader().toJSONObject());
        JWTClaimsSet claims = minted.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("carol");
        assertThat(claims.getIssuer()).isEqualTo(issued.getJWTClaimsSet().getIssuer());
        assertThat(claims.getAudience()).isEqualTo(issued.getJWTClaimsSet().getAudience());
        assertThat(claims.getStringListClaim("roles")).containsExactly("client");
        assertThat(claims.getExpirationTime()).isAfter(new Date());
    }

    @Test
    void negativeTokensAreWrongInExactlyOneWay() throws Exception {
        SignedJWT expired = SignedJWT.parse(server.expiredToken("bob", "client"));
        assertThat(verifiesWithPublishedKey(expired)).isTrue();
        assertThat(expired.getJWTClaimsSet().getExpirationTime().toInstant()).isBefore(Instant.now().minusSeconds(60));

        SignedJWT wrongIssuer = SignedJWT.parse(server.wrongIssuerToken("bob", "client"));
        assertThat(verifiesWithPublishedKey(wrongIssuer)).isTrue();
        assertThat(wrongIssuer.getJWTClaimsSet().getIssuer()).isNotEqualTo(server.issuer());

        SignedJWT wrongAudience = SignedJWT.parse(server.wrongAudienceToken("bob", "client"));
        assertThat(verifiesWithPublishedKey(wrongAudience)).isTrue();
        assertThat(wrongAudience.getJWTClaimsSet().getAudience()).doesNotContain(server.audience());

        SignedJWT foreign = SignedJWT.parse(server.foreignKeyToken("bob", "client"));
        assertThat(foreign.getHeader().getKeyID()).isEqualTo(published.getKeys().get(0).getKeyID());
        assertThat(verifiesWithPublishedKey(foreign)).isFalse();

        String valid = server.mintFor("bob", "client", "viewer");
        assertThat(SignedJWT.parse(valid).getJWTClaimsSet().getStringListClaim("roles")).containsExactly("client", "viewer");
        SignedJWT tampered = SignedJWT.parse(server.tamper(valid));
        assertThat(tampered.getPayload().toString()).isEqualTo(SignedJWT.parse(valid).getPayload().toString());
        assertThat(verifiesWithPublishedKey(tampered)).isFalse();
    }

    @Test
    void theSameServerServesTheWholeJvm() {
        assertThat(AuthorizationServer.shared()).isSameAs(server);
        server.close();
        assertThat(server.token("viewer")).isNotBlank();
    }

    private static boolean verifiesWithPublishedKey(SignedJWT token) throws Exception {
        JWSHeader header = token.getHeader();
        RSAKey key = published.getKeyByKeyId(header.getKeyID()).toRSAKey();
        return token.verify(new RSASSAVerifier(key));
    }
}
