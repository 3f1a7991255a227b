package io.ledgerflow.command.security;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every kind of caller gets what the access matrix of docs/api.md says. Bodies are deliberately invalid,
 * so a caller who gets through authorization sees 400 and nothing changes. A new endpoint joins {@link #ENDPOINTS}
 * in the same commit that adds it.
 */
class AccessMatrixTest extends CommandServiceTest {

    record Endpoint(String method, String path, Set<String> roles) {
        boolean isPublic() {
            return roles.contains("*");
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/accounts", Set.of("client", "operator")),
            new Endpoint("POST", "/api/v1/accounts/acc-x/deposits", Set.of("operator")),
            new Endpoint("POST", "/api/v1/accounts/acc-x/withdrawals", Set.of("operator")),
            new Endpoint("POST", "/api/v1/accounts/acc-x/freeze", Set.of("operator")),
            new Endpoint("POST", "/api/v1/accounts/acc-x/unfreeze", Set.of("operator")),
            new Endpoint("POST", "/api/v1/accounts/acc-x/close", Set.of("operator")),
            new Endpoint("POST", "/api/v1/accounts/acc-x/reopen", Set.of("operator")),
            new Endpoint("PUT", "/api/v1/accounts/acc-x/overdraft-limit", Set.of("operator")),
            new Endpoint("POST", "/api/v1/transfers", Set.of("client", "operator")),
            new Endpoint("POST", "/api/v1/transfers/batch", Set.of("client", "operator")),
            new Endpoint("POST", "/api/v1/transfers/t-x/post", Set.of("client", "operator")),
            new Endpoint("POST", "/api/v1/transfers/t-x/void", Set.of("client", "operator")),
            new Endpoint("GET", "/api/v1/audit/chain/verify", Set.of("auditor")),
            new Endpoint("GET", "/api/v1/audit/chain/head", Set.of("auditor")),
            new Endpoint("GET", "/api/v1/audit/chain/anchors", Set.of("auditor")),
            new Endpoint("GET", "/api/v1/audit/events", Set.of("auditor")),
            new Endpoint("GET", "/api/v1/audit/accounts/acc-x/events", Set.of("auditor")),
            new Endpoint("GET", "/api/v1/audit/transfers/t-x/events", Set.of("auditor")),
            new Endpoint("GET", "/api/v1/audit/accounts/acc-x/balance", Set.of("auditor")),
            new Endpoint("GET", "/api/v1/audit/reconciliation", Set.of("auditor")),
            new Endpoint("GET", "/actuator/prometheus", Set.of("admin")),
            new Endpoint("GET", "/actuator/health", Set.of("*")),
            new Endpoint("GET", "/v3/api-docs", Set.of("*")));

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
        List<Arguments> cases = new ArrayList<>();
        List<Arguments> tokens = List.of(
                Arguments.of("no token", (Supplier<String>) () -> null),
                Arguments.of("expired", (Supplier<String>) () -> auth.expiredToken("alice", "client")),
                Arguments.of("wrong issuer", (Supplier<String>) () -> auth.wrongIssuerToken("alice", "client")),
                Arguments.of("wrong audience", (Supplier<String>) () -> auth.wrongAudienceToken("alice", "client")),
                Arguments.of("no expiry", (Supplier<String>) () -> auth.mint(claims -> claims.subject("alice")
                        .claim("roles", List.of("client")).expirationTime(null))),
                Arguments.of("no subject", (Supplier<String>) () -> auth.mint(claims -> claims.subject(null)
                        .claim("roles", List.of("client")))),
                Arguments.of("tampered signature", (Supplier<String>) () -> auth.tamper(auth.token("alice"))),
                Arguments.of("unknown signing key", (Supplier<String>) () -> auth.foreignKeyToken("alice", "client")),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not-a-token"));
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
        Api.Response response = call(anonymous.as(tokenFor(clientOf(role))), endpoint);

        if (endpoint.isPublic() || endpoint.roles().contains(role)) {
            assertThat(response.status()).as(response.body()).isNotIn(401, 403);
            // no query-service runs beside these tests: the reconciliation gets through and answers 503
            assertThat(response.status() < 500 || response.code().equals("QUERY_SERVICE_UNAVAILABLE"))
                    .as(response.body()).isTrue();
        } else {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("FORBIDDEN");
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("withBadTokens")
    void a_missing_or_bad_token_is_401(Endpoint endpoint, String kind, Supplier<String> token) {
        String bearer = token.get();
        Api.Response response = call(bearer == null ? anonymous : anonymous.as(bearer), endpoint);

        assertThat(response.status()).as(kind + ": " + response.body()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("UNAUTHORIZED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    }

    private static Api.Response call(Api api, Endpoint endpoint) {
        return endpoint.method().equals("GET") ? api.get(endpoint.path())
                : api.call(endpoint.method(), endpoint.path(), "{}", "application/json");
    }

    private static String clientOf(String role) {
        return role.equals("client") ? "alice" : role;
    }
}
