package io.ledgerflow.query.security;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static io.ledgerflow.query.support.LedgerFixture.ALICE_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = {
        "ledgerflow.rate-limits.roles.viewer.capacity=3", "ledgerflow.rate-limits.roles.viewer.per-second=1",
        "ledgerflow.rate-limits.anonymous.capacity=2", "ledgerflow.rate-limits.anonymous.per-second=1",
        "ledgerflow.rate-limits.trusted-proxies=127.0.0.1"})
class RateLimitTest extends QueryServiceTest {

    private static final String ACCOUNT = "/api/v1/accounts/" + ALICE_ACCOUNT;

    @Test
    void a_reader_past_its_bucket_gets_429_with_retry_after_and_ratelimit_headers() {
        Api viewer = as("viewer");
        List<Api.Response> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(viewer.get(ACCOUNT));
        }

        Api.Response first = responses.get(0);
        Api.Response limited = responses.get(responses.size() - 1);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("2");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.body()).doesNotContain("\"posted\"");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void callers_without_a_token_are_limited_by_address_and_do_not_limit_token_holders() {
        List<Integer> anonymousStatuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            anonymousStatuses.add(anonymous.get(ACCOUNT).status());
        }

        assertThat(anonymousStatuses).startsWith(401, 401).contains(429);
        assertThat(as("alice").get(ACCOUNT).status()).isEqualTo(200);
    }

    /** Through a trusted proxy for another client, so that its bucket is not the one the test above empties. */
    @Test
    void refused_tokens_count_against_the_anonymous_limit_of_their_address_like_no_token() {
        Api forged = anonymous.with("X-Forwarded-For", "203.0.113.7").as("not-a-valid-token");
        List<Api.Response> responses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            responses.add(forged.get(ACCOUNT));
        }

        Api.Response first = responses.get(0);
        Api.Response limited = responses.get(responses.size() - 1);
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.code()).isEqualTo("UNAUTHORIZED");
        assertThat(first.header("RateLimit-Limit")).isEqualTo("2");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(anonymous.with("X-Forwarded-For", "203.0.113.7").as(token("alice")).get(ACCOUNT).status())
                .as("a valid token from the same address").isEqualTo(200);
    }
}
