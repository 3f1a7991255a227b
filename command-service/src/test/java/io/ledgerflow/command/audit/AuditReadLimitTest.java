package io.ledgerflow.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.testkit.Latches;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class AuditReadLimitTest {

    private final AuditReadLimit limit = new AuditReadLimit(1, 2, new ProblemWriter(new ObjectMapper()));

    @Test
    void an_audit_request_beyond_the_bound_answers_503_at_once_and_other_paths_and_later_requests_pass()
            throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> slowExport = CompletableFuture.supplyAsync(() -> run("events",
                () -> {
                    inside.countDown();
                    Latches.awaitOpen(release, Duration.ofSeconds(10));
                }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = run("chain/verify", () -> { });
        MockHttpServletResponse command = run(null, () -> { });
        release.countDown();
        MockHttpServletResponse finished = slowExport.get(10, TimeUnit.SECONDS);
        MockHttpServletResponse later = run("chain/verify", () -> { });

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
        assertThat(command.getStatus()).isEqualTo(200);
        assertThat(finished.getStatus()).isEqualTo(200);
        assertThat(later.getStatus()).isEqualTo(200);
    }

    @Test
    void a_request_that_fails_gives_its_place_back() throws Exception {
        MockHttpServletRequest request = audit("events");
        try {
            limit.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
                throw new IllegalStateException("the export broke");
            });
        } catch (IllegalStateException expected) {
            // the place must be back all the same
        }

        assertThat(run("events", () -> { }).getStatus()).isEqualTo(200);
    }

    @Test
    void one_caller_holds_at_most_its_share_of_the_places_and_another_caller_still_gets_one() throws Exception {
        AuditReadLimit shared = new AuditReadLimit(4, 2, new ProblemWriter(new ObjectMapper()));
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<MockHttpServletResponse>> stalled = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> as("mallory", () -> run(shared, "events", () -> {
                    inside.countDown();
                    Latches.awaitOpen(release, Duration.ofSeconds(10));
                })))).toList();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse third = as("mallory", () -> run(shared, "chain/head", () -> { }));
        MockHttpServletResponse other = as("trent", () -> run(shared, "chain/head", () -> { }));
        release.countDown();
        for (CompletableFuture<MockHttpServletResponse> export : stalled) {
            assertThat(export.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse later = as("mallory", () -> run(shared, "chain/head", () -> { }));

        assertThat(third.getStatus()).isEqualTo(429);
        assertThat(third.getHeader("Retry-After")).isEqualTo("1");
        assertThat(third.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(other.getStatus()).isEqualTo(200);
        assertThat(later.getStatus()).as("the caller's places came back").isEqualTo(200);
    }

    private static <T> T as(String subject, Supplier<T> request) {
        Jwt jwt = Jwt.withTokenValue("token").header("alg", "none").subject(subject).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));
        try {
            return request.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private MockHttpServletResponse run(String auditPath, Runnable handler) {
        return run(limit, auditPath, handler);
    }

    /** @param auditPath under /api/v1/audit/, or null for a command's path */
    private static MockHttpServletResponse run(AuditReadLimit limit, String auditPath, Runnable handler) {
        MockHttpServletRequest request = auditPath == null ? command() : audit(auditPath);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            limit.doFilter(request, response, (req, res) -> handler.run());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static MockHttpServletRequest audit(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", AuditReadLimit.PATH + path);
        request.setServletPath(AuditReadLimit.PATH + path);
        return request;
    }

    private static MockHttpServletRequest command() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transfers");
        request.setServletPath("/api/v1/transfers");
        return request;
    }
}
