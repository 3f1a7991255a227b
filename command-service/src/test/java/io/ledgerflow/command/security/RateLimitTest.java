package io.ledgerflow.command.security;

import io.ledgerflow.testkit.auth.AuthorizationServer;
import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = {
        "ledgerflow.rate-limits.roles.viewer.capacity=3", "ledgerflow.rate-limits.roles.viewer.per-second=1",
        "ledgerflow.rate-limits.anonymous.capacity=2", "ledgerflow.rate-limits.anonymous.per-second=1"})
class RateLimitTest extends CommandServiceTest {

    @Test
    void a_caller_past_its_bucket_gets_429_with_retry_after_and_ratelimit_headers() {
        Api viewer = anonymous.as(tokenFor("viewer"));
        List<Api.Response> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(viewer.post("/api/v1/transfers", "{}"));
        }

        Api.Response first = responses.get(0);
        Api.Response limited = responses.get(responses.size() - 1);
        assertThat(first.status()).isEqualTo(403);
        assertThat(first.headers().firstValue("RateLimit-Limit")).contains("3");
        assertThat(first.headers().firstValue("RateLimit-Remaining")).contains("2");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).contains("0");
    }

    @Test
    void callers_without_a_token_are_limited_by_address_and_do_not_limit_token_holders() {
        List<Integer> anonymousStatuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            anonymousStatuses.add(anonymous.post("/api/v1/transfers", "{}").status());
        }

        assertThat(anonymousStatuses).startsWith(401, 401).contains(429);
        assertThat(api.post("/api/v1/transfers", "{}").status()).isEqualTo(400);
    }

    @Test
    void a_percent_encoded_api_path_is_limited_like_the_path_it_names() {
        // a subject of its own: a bucket no other test drains
        Api viewer = anonymous.as(AuthorizationServer.shared().mintFor(unique("viewer"), "viewer"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(viewer.post("/%61pi/v1/transfers", "{}").status());
        }

        assertThat(statuses).startsWith(403).contains(429).allMatch(status -> status == 403 || status == 429);
    }
}
