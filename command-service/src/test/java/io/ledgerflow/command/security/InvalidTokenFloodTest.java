package io.ledgerflow.command.security;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-address limit runs before the bearer token is checked: invalid tokens are answered 401 by
 * authentication and never reach the per-subject limit, so without it a flood of them is never limited.
 */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = {
        "ledgerflow.rate-limits.per-address.capacity=20", "ledgerflow.rate-limits.per-address.per-second=1",
        "ledgerflow.rate-limits.roles.viewer.capacity=3", "ledgerflow.rate-limits.roles.viewer.per-second=1"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvalidTokenFloodTest extends CommandServiceTest {

    @Test
    @Order(2)
    void a_flood_of_invalid_tokens_from_one_address_gets_429_with_retry_after() {
        Api garbage = anonymous.as("not-a-jwt");
        List<Api.Response> responses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            responses.add(garbage.post("/api/v1/transfers", "{}"));
        }

        assertThat(responses.get(0).status()).isEqualTo(401);
        Api.Response limited = responses.get(responses.size() - 1);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        // the address is limited whatever the token: a valid one from there waits too
        assertThat(api.post("/api/v1/transfers", "{}").status()).isEqualTo(429);
    }

    @Test
    @Order(1) // before the flood empties the address's bucket
    void the_per_subject_limit_still_applies_after_authentication() {
        Api viewer = anonymous.as(tokenFor("viewer"));
        List<Api.Response> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(viewer.post("/api/v1/transfers", "{}"));
        }

        assertThat(responses.get(0).status()).isEqualTo(403);
        assertThat(responses.get(0).headers().firstValue("RateLimit-Limit")).contains("3");
        assertThat(responses.get(3).status()).isEqualTo(429);
        assertThat(responses.get(3).headers().firstValue("RateLimit-Limit")).as("the viewer's bucket, not the address's")
                .contains("3");
    }
}
