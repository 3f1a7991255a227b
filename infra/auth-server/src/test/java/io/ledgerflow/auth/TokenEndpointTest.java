package io.ledgerflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledgerflow.auth.issuer=http://issuer.test:9000")
class TokenEndpointTest {

    @LocalServerPort
    int port;

    TokenRequests requests;

    @BeforeEach
    void connect() {
        requests = new TokenRequests(port);
    }

    @ParameterizedTest
    @CsvSource({"alice, client", "bob, client", "operator, operator", "viewer, viewer", "auditor, auditor", "admin, admin",
            "reconciler, viewer"})
    void everyDemoClientGetsASignedTokenWithItsRoles(String clientId, String role) throws ParseException {
        Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> response = requests.withBasicAuth(clientId, clientId + "-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SignedJWT token = TokenRequests.accessToken(response);
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(requests.verifiesAgainstJwks(token)).isTrue();

        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(clientId);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(claims.getStringListClaim("roles")).containsExactly(role);
        assertThat(claims.getAudience()).containsExactly("ledgerflow");
        assertThat(claims.getIssuer()).isEqualTo("http://issuer.test:9000");
        assertThat(claims.getIssueTime().toInstant()).isBetween(requestedAt, Instant.now());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theRolesClaimIsAJsonArray() throws ParseException {
        SignedJWT token = TokenRequests.accessToken(requests.withBasicAuth("alice", "alice-secret"));

        assertThat(token.getPayload().toJSONObject().get("roles")).isInstanceOf(java.util.List.class);
    }

    @Test
    void aSecretInTheFormBodyIsAcceptedToo() throws ParseException {
        HttpResponse<String> response = requests.withSecretInBody("operator", "operator-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TokenRequests.accessToken(response).getJWTClaimsSet().getSubject()).isEqualTo("operator");
    }

    @Test
    void aWrongSecretIsUnauthorized() {
        HttpResponse<String> response = requests.withBasicAuth("alice", "bob-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client");
    }

    @Test
    void anUnknownClientIsUnauthorized() {
        assertThat(requests.withBasicAuth("mallory", "mallory-secret").statusCode()).isEqualTo(401);
    }

    @Test
    void aRequestWithoutCredentialsIsUnauthorized() {
        assertThat(requests.withSecretInBody("alice", "").statusCode()).isEqualTo(401);
    }

    @Test
    void healthIsOpenAndNothingElseIs() {
        assertThat(requests.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(requests.get("/actuator/env").statusCode()).isEqualTo(401);
        assertThat(requests.get("/anything").statusCode()).isEqualTo(401);
    }

    @Test
    void publishesItsMetadataUnderTheIssuer() {
        HttpResponse<String> metadata = requests.get("/.well-known/oauth-authorization-server");

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"issuer\":\"http://issuer.test:9000\"", "\"jwks_uri\":\"http://issuer.test:9000/oauth2/jwks\"");
    }
}
