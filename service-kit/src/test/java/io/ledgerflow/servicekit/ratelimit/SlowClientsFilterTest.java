package io.ledgerflow.servicekit.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.servicekit.web.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One client address runs at most so many requests at once; one more is refused at once, not queued. */
class SlowClientsFilterTest {

    private final SlowClientsFilter filter = filter(2, 150);

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
            MockHttpServletRequest readWithBody = new MockHttpServletRequest("GET", "/actuator/health");
            readWithBody.setRemoteAddr("10.0.0.1");
            readWithBody.setContent("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(run(readWithBody).getStatus()).as("nor a read's body, never read").isEqualTo(200);
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

    /**
     * Two addresses, each within its limit, held all 200 request threads with slow bodies, and nothing else was
     * answered, the health check included (a probe's finding): requests with a body have a limit of their own.
     */
    @Test
    void a_request_with_a_body_past_everyone_s_running_ones_is_503_at_once_and_a_read_still_runs() throws Exception {
        SlowClientsFilter shared = filter(2, 3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(3);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> held = List.of(threads.submit(() -> hold(shared, "10.0.0.1", running, release)),
                    threads.submit(() -> hold(shared, "10.0.0.1", running, release)),
                    threads.submit(() -> hold(shared, "10.0.0.2", running, release)));
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

            MockHttpServletResponse refused = run(shared, request("10.0.0.3"));
            MockHttpServletRequest read = new MockHttpServletRequest("GET", "/actuator/health");
            read.setRemoteAddr("10.0.0.3");

            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.getHeader("Connection")).isEqualTo("close");
            assertThat(run(shared, read).getStatus()).isEqualTo(200);
            release.countDown();
            for (Future<?> request : held) {
                request.get(5, TimeUnit.SECONDS);
            }
            assertThat(run(shared, request("10.0.0.3")).getStatus()).isEqualTo(200);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private Void hold(CountDownLatch running, CountDownLatch release) throws Exception {
        return hold(filter, "10.0.0.1", running, release);
    }

    private static Void hold(SlowClientsFilter filter, String address, CountDownLatch running, CountDownLatch release)
            throws Exception {
        filter.doFilter(request(address), new MockHttpServletResponse(), (request, response) -> {
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
        return run(filter, request);
    }

    private static MockHttpServletResponse run(SlowClientsFilter filter, MockHttpServletRequest request)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> { });
        return response;
    }

    private static SlowClientsFilter filter(int perAddress, int withBody) {
        return new SlowClientsFilter(new RateLimitProperties(true, null, null, null, null, null, perAddress, withBody),
                Duration.ofSeconds(10), Duration.ofSeconds(2), 1024, new ProblemWriter(new ObjectMapper()));
    }

    private static MockHttpServletRequest request(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transfers");
        request.setRemoteAddr(address);
        request.setContent("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return request;
    }
}
