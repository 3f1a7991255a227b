package io.ledgerflow.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.testkit.Latches;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client sent 40 transfer lists at once, within its rate, and every other caller's reads waited for seconds (a
 * probe's finding): lists, statements and dashboards running at once are bounded per caller and in all.
 */
class ListReadLimitTest extends QueryServiceTest {

    @Autowired
    List<FilterRegistrationBean<?>> filters;

    @Test
    void the_service_bounds_its_lists_after_authentication() {
        assertThat(filters).filteredOn(registration -> registration.getFilter() instanceof ListReadLimit)
                .singleElement().satisfies(registration ->
                        assertThat(registration.getUrlPatterns()).containsExactly("/api/v1/*"));
    }

    @Test
    void a_caller_past_its_running_lists_gets_429_another_caller_past_all_of_them_503_and_reads_by_id_still_run()
            throws Exception {
        ListReadLimit limit = new ListReadLimit(3, 2, new ProblemWriter(new ObjectMapper()));
        CountDownLatch inside = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<MockHttpServletResponse>> held = new ArrayList<>();
        for (String[] list : new String[][]{{"mallory", "/api/v1/transfers"},
                {"mallory", "/api/v1/accounts/acc-1/entries"}, {"trent", "/api/v1/dashboard/totals"}}) {
            held.add(CompletableFuture.supplyAsync(() -> run(limit, list[0], "GET", list[1], () -> {
                inside.countDown();
                Latches.awaitOpen(release, Duration.ofSeconds(10));
            })));
        }
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse third = run(limit, "mallory", "GET", "/api/v1/accounts", () -> { });
        MockHttpServletResponse pastAll = run(limit, "peggy", "HEAD", "/api/v1/admin/dead-letters", () -> { });
        List<Integer> notCounted = new ArrayList<>();
        for (String[] read : new String[][]{{"GET", "/api/v1/accounts/acc-1"}, {"GET", "/api/v1/transfers/t-1"},
                {"POST", "/api/v1/admin/projections/rebuild"}, {"GET", "/api/v1/stream"}}) {
            notCounted.add(run(limit, "mallory", read[0], read[1], () -> { }).getStatus());
        }
        release.countDown();
        for (CompletableFuture<MockHttpServletResponse> list : held) {
            assertThat(list.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }

        assertThat(third.getStatus()).isEqualTo(429);
        assertThat(third.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(pastAll.getStatus()).isEqualTo(503);
        assertThat(pastAll.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
        assertThat(List.of(third, pastAll)).allSatisfy(refused ->
                assertThat(refused.getHeader("Retry-After")).isEqualTo("1"));
        assertThat(notCounted).containsOnly(200);
        assertThat(run(limit, "mallory", "GET", "/api/v1/accounts", () -> { }).getStatus())
                .as("the places came back").isEqualTo(200);
    }

    private static MockHttpServletResponse run(ListReadLimit limit, String subject, String method, String path,
                                               Runnable handler) {
        Jwt jwt = Jwt.withTokenValue("token").header("alg", "none").subject(subject).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of()));
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            limit.doFilter(request, response, (req, res) -> handler.run());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
        return response;
    }
}
