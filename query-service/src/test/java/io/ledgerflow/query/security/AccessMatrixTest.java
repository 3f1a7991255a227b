package io.ledgerflow.query.security;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.query.support.SseClient;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static io.ledgerflow.query.support.LedgerFixture.ALICE_TO_BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every kind of caller gets what the access matrix of docs/api.md says. The paths name alice's data, so a
 * role that gets through reads it (a client only its own: alice's token is the client here). Endpoints declared in
 * the policy before they exist answer 404 to the roles they admit. A new endpoint joins {@link #ENDPOINTS} in the
 * same commit that adds it.
 */
class AccessMatrixTest extends QueryServiceTest {

    record Endpoint(String method, String path, Set<String> roles) {
        boolean isPublic() {
            return roles.contains("*");
        }

        /** An event stream does not end: read as far as its headers, then hung up on. */
        boolean isStream() {
            return path.startsWith("/api/v1/stream");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Set<String> READERS = Set.of("client", "operator", "viewer");

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/accounts", READERS),
            new Endpoint("GET", "/api/v1/accounts/" + ALICE_ACCOUNT, READERS),
            new Endpoint("HEAD", "/api/v1/accounts/" + ALICE_ACCOUNT, READERS),
            new Endpoint("GET", "/api/v1/accounts/" + ALICE_ACCOUNT + "/entries", READERS),
            new Endpoint("GET", "/api/v1/transfers/" + ALICE_TO_BOB, READERS),
            new Endpoint("GET", "/api/v1/transfers?accountId=" + ALICE_ACCOUNT, READERS),
            new Endpoint("GET", "/api/v1/dashboard/totals", Set.of("viewer", "operator")),
            new Endpoint("GET", "/api/v1/dashboard/volume?currency=USD&bucket=hour", Set.of("viewer", "operator")),
            new Endpoint("HEAD", "/api/v1/transfers/" + ALICE_TO_BOB, READERS),
            new Endpoint("GET", "/api/v1/stream", Set.of("viewer", "operator")),
            new Endpoint("GET", "/api/v1/admin/projections", Set.of("admin", "viewer")),
            new Endpoint("POST", "/api/v1/admin/projections/rebuild", Set.of("admin")),
            new Endpoint("GET", "/api/v1/admin/dead-letters", Set.of("admin")),
            // no such dead letter: 404 for the admin, refused before any lookup for everybody else
            new Endpoint("POST", "/api/v1/admin/dead-letters/0-0/retry", Set.of("admin")),
            new Endpoint("GET", "/actuator/prometheus", Set.of("admin")),
            new Endpoint("GET", "/actuator/metrics", Set.of("admin")),
            new Endpoint("GET", "/actuator/health", Set.of("*")),
            new Endpoint("GET", "/actuator/health/liveness", Set.of("*")),
            new Endpoint("GET", "/actuator/health/readiness", Set.of("*")),
            new Endpoint("GET", "/actuator/info", Set.of("*")),
            new Endpoint("GET", "/v3/api-docs", Set.of("*")),
            new Endpoint("GET", "/dashboard/", Set.of("*")),
            new Endpoint("GET", "/dashboard/config.json", Set.of("*")));

    static final List<String> ROLES = List.of("client", "operator", "viewer", "auditor", "admin");

    static Stream<Arguments> withRoles() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (String role : ROLES) {
                cases.add(Arguments.of(endpoint, role));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> withBadTokens() {
        AuthorizationServer auth = AuthorizationServer.shared();
        List<Arguments> tokens = List.of(
                Arguments.of("no token", (Supplier<String>) () -> null),
                Arguments.of("expired", (Supplier<String>) () -> auth.expiredToken("viewer", "viewer")),
                Arguments.of("wrong issuer", (Supplier<String>) () -> auth.wrongIssuerToken("viewer", "viewer")),
                Arguments.of("wrong audience", (Supplier<String>) () -> auth.wrongAudienceToken("viewer", "viewer")),
                Arguments.of("no expiry", (Supplier<String>) () -> auth.mint(claims -> claims.subject("viewer")
                        .claim("roles", List.of("viewer")).expirationTime(null))),
                Arguments.of("no subject", (Supplier<String>) () -> auth.mint(claims -> claims.subject(null)
                        .claim("roles", List.of("viewer")))),
                Arguments.of("tampered signature", (Supplier<String>) () -> auth.tamper(auth.token("viewer"))),
                Arguments.of("unknown signing key", (Supplier<String>) () -> auth.foreignKeyToken("viewer", "viewer")),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not-a-token"));
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            if (!endpoint.isPublic()) {
                for (Arguments token : tokens) {
                    cases.add(Arguments.of(endpoint, token.get()[0], token.get()[1]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("withRoles")
    void each_role_gets_what_the_policy_says(Endpoint endpoint, String role) {
        Api.Response response = endpoint.isStream() ? subscribe(token(clientOf(role)), endpoint)
                : call(as(clientOf(role)), endpoint);

        if (endpoint.isPublic() || endpoint.roles().contains(role)) {
            assertThat(response.status()).as(response.toString()).isNotIn(401, 403).isLessThan(500);
            if (endpoint.isStream()) {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.contentType()).startsWith("text/event-stream");
            }
            if (endpoint.path().startsWith("/api/v1/accounts") || endpoint.path().startsWith("/api/v1/transfers")
                    || endpoint.path().startsWith("/api/v1/dashboard")
                    || endpoint.path().equals("/api/v1/admin/projections")
                    || endpoint.path().equals("/api/v1/admin/dead-letters")) {
                assertThat(response.status()).as("alice's data is readable by " + role).isEqualTo(200);
            }
        } else {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            if (!endpoint.method().equals("HEAD")) {
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.code()).isEqualTo("FORBIDDEN");
            }
            assertThat(response.header("ETag")).as("nothing about the account leaks").isNull();
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("withBadTokens")
    void a_missing_or_bad_token_is_401(Endpoint endpoint, String kind, Supplier<String> token) {
        String bearer = token.get();
        Api.Response response = endpoint.isStream() ? subscribe(bearer, endpoint)
                : call(bearer == null ? anonymous : anonymous.as(bearer), endpoint);

        assertThat(response.status()).as(kind + ": " + response).isEqualTo(401);
        if (!endpoint.method().equals("HEAD")) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.header("ETag")).isNull();
    }

    /** No session to end: Spring Security's default logout filter answered /logout with a 302 to a missing /login. */
    @ParameterizedTest(name = "{0} /logout")
    @ValueSource(strings = {"GET", "POST"})
    void logout_is_no_endpoint_401_without_a_token_404_with_one(String method) {
        Api.Response anonymousCall = anonymous.call(method, "/logout", null, null);
        Api.Response viewerCall = as("viewer").call(method, "/logout", null, null);

        assertThat(anonymousCall.status()).as(anonymousCall.toString()).isEqualTo(401);
        assertThat(anonymousCall.code()).isEqualTo("UNAUTHORIZED");
        assertThat(viewerCall.status()).as(viewerCall.toString()).isEqualTo(404);
        assertThat(viewerCall.code()).isEqualTo("NOT_FOUND");
        assertThat(anonymousCall.header("Location")).isNull();
        assertThat(viewerCall.header("Location")).isNull();
    }

    private static Api.Response call(Api api, Endpoint endpoint) {
        return endpoint.method().equals("GET") ? api.get(endpoint.path())
                : api.call(endpoint.method(), endpoint.path(), null, null);
    }

    private Api.Response subscribe(String bearer, Endpoint endpoint) {
        try (SseClient client = SseClient.open(port(), endpoint.path(), bearer)) {
            return new Api.Response(client.status(), client.headers(), client.status() == 200 ? "" : client.body());
        }
    }

    private static String clientOf(String role) {
        return role.equals("client") ? "alice" : role;
    }
}
