package io.ledgerflow.servicekit.ratelimit;

import io.ledgerflow.servicekit.web.ApiProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BatchTransferLimitsTest {

    private static final RateLimitProperties.Limit TEN_THEN_ONE_A_SECOND = new RateLimitProperties.Limit(10, 1);

    @AfterEach
    void noCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_batch_takes_one_token_per_transfer_and_one_that_does_not_fit_is_refused_with_retry_after() {
        BatchTransferLimits limits = limits(true, Map.of("client", TEN_THEN_ONE_A_SECOND));
        callAs("shop-1", "client");

        limits.take(6);
        ApiProblem refused = catchThrowableOfType(ApiProblem.class, () -> limits.take(6));

        assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(refused.headers().get("Retry-After"))).isBetween(1L, 2L);
        assertThatCode(() -> limits.take(4)).as("the refused batch took nothing").doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ApiProblem.class, () -> limits.take(1))).isNotNull();
    }

    @Test
    void each_caller_has_a_bucket_of_its_own() {
        BatchTransferLimits limits = limits(true, Map.of("client", TEN_THEN_ONE_A_SECOND));
        callAs("shop-1", "client");
        limits.take(10);

        callAs("shop-2", "client");

        assertThatCode(() -> limits.take(10)).doesNotThrowAnyException();
    }

    @Test
    void a_caller_with_several_roles_gets_the_most_generous_batch_limit() {
        BatchTransferLimits limits = limits(true, Map.of("client", TEN_THEN_ONE_A_SECOND,
                "operator", new RateLimitProperties.Limit(100, 1)));
        callAs("gateway", "client", "operator");

        assertThatCode(() -> limits.take(100)).doesNotThrowAnyException();
    }

    @Test
    void a_batch_larger_than_the_capacity_takes_the_whole_bucket_when_it_is_full() {
        BatchTransferLimits limits = limits(true, Map.of("client", TEN_THEN_ONE_A_SECOND));
        callAs("shop-1", "client");

        limits.take(1_000);

        assertThat(catchThrowableOfType(ApiProblem.class, () -> limits.take(1))).isNotNull();
    }

    @Test
    void nothing_is_counted_when_rate_limits_are_off() {
        BatchTransferLimits limits = limits(false, Map.of("client", TEN_THEN_ONE_A_SECOND));
        callAs("shop-1", "client");

        assertThatCode(() -> {
            for (int i = 0; i < 5; i++) {
                limits.take(1_000);
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void the_defaults_let_a_client_send_five_full_batches_at_once_and_an_operator_fifty() {
        RateLimitProperties defaults = new RateLimitProperties(true, null, null, null, null, null, null, 100, 150, 100);

        assertThat(defaults.batchTransfers().get("client")).isEqualTo(new RateLimitProperties.Limit(5_000, 1_000));
        assertThat(defaults.batchTransfers().get("operator")).isEqualTo(new RateLimitProperties.Limit(50_000, 10_000));
        BatchTransferLimits limits = new BatchTransferLimits(defaults);
        callAs("shop-1", "client");
        for (int i = 0; i < 5; i++) {
            limits.take(1_000);
        }
        assertThat(catchThrowableOfType(ApiProblem.class, () -> limits.take(1_000))).isNotNull();
    }

    private static BatchTransferLimits limits(boolean enabled, Map<String, RateLimitProperties.Limit> batch) {
        return new BatchTransferLimits(new RateLimitProperties(enabled, null, null, null, null, null, batch, 100, 150, 100));
    }

    private static void callAs(String subject, String... roles) {
        Jwt jwt = new Jwt("token-" + subject, Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "none"),
                Map.of("sub", subject));
        List<SimpleGrantedAuthority> authorities = Arrays.stream(roles)
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, authorities, subject));
    }
}
