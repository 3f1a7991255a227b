package io.ledgerflow.command.security;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stateless API has no session to end, so {@code /logout} is no endpoint: without a token it is 401 and with one
 * 404, as any path the API does not have. Spring Security's default logout filter answered it, any method, token or
 * none, with a 302 to a {@code /login} page that does not exist either.
 */
class NoLogoutEndpointTest extends CommandServiceTest {

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
    void logout_without_a_token_is_401_like_any_other_path(String method) {
        assertProblem(anonymous.call(method, "/logout", null, null), 401, "UNAUTHORIZED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void logout_with_a_token_is_404(String method) {
        assertProblem(api.call(method, "/logout", null, null), 404, "NOT_FOUND");
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Location")).isNull();
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
    }
}
