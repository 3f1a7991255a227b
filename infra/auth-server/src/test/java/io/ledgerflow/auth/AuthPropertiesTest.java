package io.ledgerflow.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Tokens name their caller by {@code sub} alone, so a user and a client of one name are one caller. */
class AuthPropertiesTest {

    @Test
    void a_user_and_a_client_of_one_name_with_different_roles_are_refused_at_start() {
        assertThatThrownBy(() -> properties(
                List.of(new AuthProperties.Client("alice", "alice-secret", List.of("client"), null)),
                List.of(new AuthProperties.User("alice", "pw", List.of("operator")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user alice")
                .hasMessageContaining("client alice")
                .hasMessageContaining("different roles");
    }

    @Test
    void a_user_and_a_client_of_one_name_with_the_same_roles_in_any_order_are_one_caller() {
        AuthProperties properties = properties(
                List.of(new AuthProperties.Client("ops", "ops-secret", List.of("operator", "auditor"), null)),
                List.of(new AuthProperties.User("ops", "pw", List.of("auditor", "operator"))));

        assertThat(properties.users()).extracting(AuthProperties.User::username).containsExactly("ops");
    }

    @Test
    void names_differing_only_in_case_are_different_callers() {
        AuthProperties properties = properties(
                List.of(new AuthProperties.Client("alice", "alice-secret", List.of("client"), null)),
                List.of(new AuthProperties.User("Alice", "pw", List.of("operator"))));

        assertThat(properties.clients()).extracting(AuthProperties.Client::id).containsExactly("alice");
    }

    private static AuthProperties properties(List<AuthProperties.Client> clients, List<AuthProperties.User> users) {
        return new AuthProperties("http://issuer.test", "ledgerflow", null, Duration.ofMinutes(15), clients, users,
                new AuthProperties.Dashboard(null, null));
    }
}
