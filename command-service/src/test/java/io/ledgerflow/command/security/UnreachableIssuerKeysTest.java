package io.ledgerflow.command.security;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The issuer's keys cannot be fetched: a token cannot be verified either way, which is the service's trouble. */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
class UnreachableIssuerKeysTest extends CommandServiceTest {

    static {
        jwkSetUriOverride = "http://127.0.0.1:1/oauth2/jwks";
    }

    /** A context of its own (the override above is read when it starts). */
    @DynamicPropertySource
    static void keysNowhere(DynamicPropertyRegistry registry) {
        registry.add("ledgerflow.security.token-cache.maximum-size", () -> 0);
    }

    @AfterAll
    static void keysBack() {
        jwkSetUriOverride = null;
    }

    @Test
    void a_request_with_a_token_answers_503_problem_with_retry_after_not_401_or_500() {
        Api.Response response = api.post("/api/v1/transfers", "{}");

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    @Test
    void a_request_without_a_token_still_answers_401() {
        assertThat(anonymous.post("/api/v1/transfers", "{}").status()).isEqualTo(401);
    }
}
