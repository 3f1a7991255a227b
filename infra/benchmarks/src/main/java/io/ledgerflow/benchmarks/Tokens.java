package io.ledgerflow.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Access tokens from the authorization server's token endpoint, client credentials grant. The demo clients'
 * secret is {@code <id>-secret}; {@code -Dledgerflow.secret.<id>=...} overrides it.
 */
public final class Tokens {

    private Tokens() {
    }

    public static String clientCredentials(URI tokenEndpoint, String clientId) {
        String secret = System.getProperty("ledgerflow.secret." + clientId, clientId + "-secret");
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        LedgerClient.Response response = LedgerClient.send(request);
        if (response.status() != 200) {
            throw new IllegalStateException("token for " + clientId + ": HTTP " + response.status() + " " + response.body());
        }
        return Json.stringField(response.body(), "access_token")
                .orElseThrow(() -> new IllegalStateException("no access_token in " + response.body()));
    }
}
