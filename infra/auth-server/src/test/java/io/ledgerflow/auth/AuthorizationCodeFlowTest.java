package io.ledgerflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.text.ParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** The dashboard page's sign-in: authorization code with PKCE, a person on the login page, over real HTTP. */
// the same configuration as TokenEndpointTest, so both share one application context
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledgerflow.auth.issuer=http://issuer.test:9000")
class AuthorizationCodeFlowTest {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({"viewer, viewer", "operator, operator"})
    void aPersonSignsInAndThePageGetsATokenWithTheirRoles(String username, String role) throws ParseException {
        BrowserSignIn signIn = new BrowserSignIn(port);
        String code = signIn.codeFor(username, username);

        HttpResponse<String> response = signIn.exchange(code, signIn.codeVerifier);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("refresh_token");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(BrowserSignIn.PAGE_ORIGIN);
        SignedJWT token = TokenRequests.accessToken(response);
        assertThat(new TokenRequests(port).verifiesAgainstJwks(token)).isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(username);
        assertThat(claims.getStringClaim("client_id")).isEqualTo("dashboard");
        assertThat(claims.getStringListClaim("roles")).containsExactly(role);
        assertThat(claims.getAudience()).containsExactly("ledgerflow");
        assertThat(claims.getIssuer()).isEqualTo("http://issuer.test:9000");
    }

    @Test
    void aWrongVerifierIsRefusedAndTheCodeCannotBeUsedTwice() {
        BrowserSignIn signIn = new BrowserSignIn(port);
        String code = signIn.codeFor("viewer", "viewer");

        HttpResponse<String> wrongVerifier = signIn.exchange(code, BrowserSignIn.randomUrlSafe(32));
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(wrongVerifier.body()).contains("invalid_grant");

        BrowserSignIn again = new BrowserSignIn(port);
        String secondCode = again.codeFor("viewer", "viewer");
        assertThat(again.exchange(secondCode, again.codeVerifier).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = again.exchange(secondCode, again.codeVerifier);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("invalid_grant");
    }

    @Test
    void anAuthorizationRequestWithoutACodeChallengeIsRefused() {
        BrowserSignIn signIn = new BrowserSignIn(port);
        signIn.logIn("viewer", "viewer");
        String withoutChallenge = signIn.authorizationRequest(BrowserSignIn.REDIRECT_URI)
                .replaceAll("&code_challenge(_method)?=[^&]*", "");

        HttpResponse<String> response = signIn.navigate(withoutChallenge);

        assertThat(BrowserSignIn.location(response)).startsWith(BrowserSignIn.REDIRECT_URI).contains("error=invalid_request");
    }

    @Test
    void anUnregisteredRedirectUriIsRefusedWithoutRedirecting() {
        BrowserSignIn signIn = new BrowserSignIn(port);
        signIn.logIn("viewer", "viewer");

        HttpResponse<String> response = signIn.navigate(signIn.authorizationRequest("http://evil.test/dashboard/"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    /** A probe found the server redirecting a client-credentials client's error to any URI the request named. */
    @ParameterizedTest
    @CsvSource({"alice, https://attacker.example/phish", "reconciler, javascript:alert(1)",
            "nobody, https://attacker.example/phish"})
    void anAuthorizationRequestForAClientWithoutTheCodeGrantIsRefusedWithoutRedirecting(String client, String uri) {
        BrowserSignIn signIn = new BrowserSignIn(port);
        String request = signIn.authorizationRequest(uri)
                .replace("client_id=" + BrowserSignIn.CLIENT_ID, "client_id=" + client);

        HttpResponse<String> anonymous = signIn.navigate(request);
        signIn.logIn("viewer", "viewer");
        HttpResponse<String> signedIn = signIn.navigate(request);

        for (HttpResponse<String> response : java.util.List.of(anonymous, signedIn)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void aWrongPasswordKeepsThePersonOnTheLoginPage() {
        BrowserSignIn signIn = new BrowserSignIn(port);
        signIn.navigate(signIn.authorizationRequest(BrowserSignIn.REDIRECT_URI));

        HttpResponse<String> response = signIn.logIn("viewer", "operator");

        assertThat(BrowserSignIn.location(response)).endsWith("/login?error");
    }

    @Test
    void otherOriginsGetNoCorsPermission() {
        BrowserSignIn signIn = new BrowserSignIn(port);
        String code = signIn.codeFor("viewer", "viewer");

        HttpResponse<String> fromElsewhere = new TokenRequests(port).postFromOrigin("/oauth2/token", "http://evil.test",
                "grant_type=authorization_code&client_id=dashboard&code=" + code);

        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
