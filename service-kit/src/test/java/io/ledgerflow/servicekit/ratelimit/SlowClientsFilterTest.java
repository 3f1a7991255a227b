package io.ledgerflow.servicekit.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.servicekit.web.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One client address runs at most so many requests at once; one more is refused at once, not queued. */
class SlowClientsFilterTest {

    private final SlowClientsFilter filter = new SlowClientsFilter(
            new RateLimitProperties(true, null, null, null, null, null, 2), Duration.ofSeconds(10),
            Duration.ofSeconds(2), 1024, new ProblemWriter(new ObjectMapper()));

    @Test
    void a_request_past_its_address_s_running_requests_is_429_at_once_and_another_address_still_runs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> hold(running, release));
            Future<?> second = threads.submit(() -> hold(running, release));
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

            MockHttpServletResponse third = run(request("10.0.0.1"));
            MockHttpServletResponse other = run(request("10.0.0.2"));

            assertThat(third.getStatus()).isEqualTo(429);
            assertThat(third.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
            assertThat(third.getHeader("Connection")).isEqualTo("close");
            assertThat(other.getStatus()).isEqualTo(200);
            MockHttpServletRequest read = new MockHttpServletRequest("GET", "/api/v1/accounts/a-1");
            read.setRemoteAddr("10.0.0.1");
            assertThat(run(read).getStatus()).as("a request without a body is not counted").isEqualTo(200);
            release.countDown();
            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);
            assertThat(filter.runningFor("10.0.0.1")).isZero();
            assertThat(run(request("10.0.0.1")).getStatus()).isEqualTo(200);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private Void hold(CountDownLatch running, CountDownLatch release) throws Exception {
        filter.doFilter(request("10.0.0.1"), new MockHttpServletResponse(), (request, response) -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return null;
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> { });
        return response;
    }

    private static MockHttpServletRequest request(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transfers");
        request.setRemoteAddr(address);
        request.setContent("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return request;
    }
}
