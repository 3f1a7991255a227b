package io.ledgerflow.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

/** Talks to a running server the way a client and a resource server would: over HTTP. */
final class TokenRequests {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    TokenRequests(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    HttpResponse<String> withBasicAuth(String clientId, String secret) {
        String credentials = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(tokenRequest().header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    }

    HttpResponse<String> withSecretInBody(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret;
        return send(tokenRequest().POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    HttpResponse<String> postFromOrigin(String path, String origin, String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Origin", origin)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** The access token of a successful response, parsed. */
    static SignedJWT accessToken(HttpResponse<String> response) {
        try {
            return SignedJWT.parse(JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token"));
        } catch (ParseException e) {
            throw new AssertionError("no access token in " + response.body(), e);
        }
    }

    JWKSet jwks() {
        try {
            return JWKSet.parse(get("/oauth2/jwks").body());
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether the token's signature verifies with the published key of the same kid. */
    boolean verifiesAgainstJwks(SignedJWT token) {
        try {
            RSAKey key = jwks().getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey();
            return token.verify(new RSASSAVerifier(key));
        } catch (JOSEException | NullPointerException e) {
            return false;
        }
    }

    private HttpRequest.Builder tokenRequest() {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
