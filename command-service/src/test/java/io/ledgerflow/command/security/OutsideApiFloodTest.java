package io.ledgerflow.command.security;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health checks, the API description and the other paths outside {@code /api/} need no token: before they had a
 * bucket of their own, one address could ask for them as fast as it liked. Their bucket is not the API's, so a flood
 * of either leaves the other answering.
 */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = {
        "ledgerflow.rate-limits.outside-api.capacity=6", "ledgerflow.rate-limits.outside-api.per-second=1"})
class OutsideApiFloodTest extends CommandServiceTest {

    @Test
    void a_flood_of_health_checks_and_api_descriptions_from_one_address_gets_429_and_leaves_the_api_answering() {
        List<Api.Response> responses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            responses.add(anonymous.get("/actuator/health"));
            responses.add(anonymous.get("/v3/api-docs"));
        }

        assertThat(responses.get(0).status()).isEqualTo(200);
        assertThat(responses.get(1).status()).isEqualTo(200);
        Api.Response limited = responses.get(responses.size() - 1);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(responses.stream().filter(response -> response.status() == 429).count())
                .as("a bucket of 6 refilled at 1/s, 10 asked for at once").isBetween(3L, 4L);
        // the API's bucket is another one: the same address still gets its answer there
        assertThat(api.post("/api/v1/transfers", "{}").status()).isEqualTo(400);
    }
}
