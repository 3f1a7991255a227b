package io.ledgerflow.testkit.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Gets access tokens from the token endpoint with the client credentials grant, as a real client does.
 * Tokens are reused while they have a while to live: checking a client secret costs the server a bcrypt
 * hash (~70 ms), which a test suite asking for a token per request would otherwise pay thousands of times.
 */
final class ClientCredentialsClient {

    private static final Duration MINIMUM_REMAINING_LIFETIME = Duration.ofMinutes(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI tokenEndpoint;
    private final HttpClient http;
    private final Map<String, IssuedToken> issued = new ConcurrentHashMap<>();

    ClientCredentialsClient(URI tokenEndpoint, HttpClient http) {
        this.tokenEndpoint = tokenEndpoint;
        this.http = http;
    }

    String token(String clientId, String secret) {
        String key = clientId + '\n' + secret;
        IssuedToken current = issued.get(key);
        if (current != null && current.livesAtLeast(MINIMUM_REMAINING_LIFETIME)) {
            return current.value();
        }
        IssuedToken fresh = request(clientId, secret);
        issued.put(key, fresh);
        return fresh.value();
    }

    private IssuedToken request(String clientId, String secret) {
        Instant requestedAt = Instant.now();
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", basicAuthorization(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new TokenRequestException(clientId, response.statusCode(), response.body());
        }
        try {
            Map<String, Object> body = JSONObjectUtils.parse(response.body());
            long expiresIn = JSONObjectUtils.getLong(body, "expires_in");
            return new IssuedToken(JSONObjectUtils.getString(body, "access_token"), requestedAt.plusSeconds(expiresIn));
        } catch (ParseException e) {
            throw new IllegalStateException("unexpected token response: " + response.body(), e);
        }
    }

    /** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
    private static String basicAuthorization(String clientId, String secret) {
        String credentials = formEncoded(clientId) + ":" + formEncoded(secret);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static String formEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("token request to " + tokenEndpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while requesting a token", e);
        }
    }

    private record IssuedToken(String value, Instant expiresAt) {

        boolean livesAtLeast(Duration remaining) {
            return Instant.now().plus(remaining).isBefore(expiresAt);
        }
    }
}
