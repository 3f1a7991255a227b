package io.ledgerflow.command.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.servicekit.web.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AuditReadLimitTest {

    private final AuditReadLimit limit = new AuditReadLimit(1, new ProblemWriter(new ObjectMapper()));

    @Test
    void an_audit_request_beyond_the_bound_answers_503_at_once_and_other_paths_and_later_requests_pass()
            throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> slowExport = CompletableFuture.supplyAsync(() -> run("events",
                () -> {
                    inside.countDown();
                    await(release);
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

    /** @param auditPath under /api/v1/audit/, or null for a command's path */
    private MockHttpServletResponse run(String auditPath, Runnable handler) {
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

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
