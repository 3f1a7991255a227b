package io.ledgerflow.servicekit.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.WebLimitsProperties;
import io.ledgerflow.testkit.Latches;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    /**
     * A refused body that stops coming is drained until the read timeout ends the read, 10 s, and held its
     * request's place all that time: invalid tokens from two addresses, within their rate, kept every place with a
     * body and other callers' commands were 503 (a probe's finding). Now the place is given back once the answer is
     * complete, and drains have places of their own: past them the answer says {@code Connection: close} at once.
     */
    @Test
    void a_refused_body_that_stops_coming_gives_its_place_back_and_past_the_drains_the_connection_is_closed_at_once()
            throws Exception {
        SlowClientsFilter bounded = filter(2, 3, 3, 1);
        CountDownLatch bodyComes = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<MockHttpServletResponse> stalled = threads.submit(() -> run(bounded,
                    stallingBody("10.0.0.1", bodyComes)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> bounded.drainingFor("10.0.0.1") == 1);

            assertThat(bounded.runningFor("10.0.0.1")).as("places held while the body is drained").isZero();
            MockHttpServletResponse second = run(bounded, stallingBody("10.0.0.1", bodyComes));
            assertThat(second.getStatus()).isEqualTo(200);
            assertThat(second.getHeader("Connection")).isEqualTo("close");
            assertThat(bounded.drainingFor("10.0.0.1")).isEqualTo(1);
            Future<MockHttpServletResponse> otherAddress = threads.submit(() -> run(bounded,
                    stallingBody("10.0.0.2", bodyComes)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> bounded.drainingFor("10.0.0.2") == 1);
            assertThat(run(bounded, request("10.0.0.1")).getStatus()).as("a command of the first address runs")
                    .isEqualTo(200);

            bodyComes.countDown();
            assertThat(stalled.get(5, TimeUnit.SECONDS).getHeader("Connection")).isNull();
            otherAddress.get(5, TimeUnit.SECONDS);
            assertThat(bounded.drainingFor("10.0.0.1")).isZero();
            assertThat(bounded.drainingFor("10.0.0.2")).isZero();
        } finally {
            bodyComes.countDown();
            threads.shutdownNow();
        }
    }

    /** A POST whose one byte arrived and whose rest comes only when {@code comes} opens; nothing reads it first. */
    private static MockHttpServletRequest stallingBody(String address, CountDownLatch comes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transfers") {
            private final ServletInputStream body = new ServletInputStream() {
                private boolean done;

                @Override
                public int read() {
                    if (!done) {
                        Latches.awaitOpen(comes, Duration.ofSeconds(10));
                        done = true;
                    }
                    return -1;
                }

                @Override
                public boolean isFinished() {
                    return done;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };

            @Override
            public ServletInputStream getInputStream() {
                return body;
            }
        };
        request.setRemoteAddr(address);
        request.setContent("{\"id\":".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // its length; unread
        return request;
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
        return filter(perAddress, withBody, 16, 4);
    }

    private static SlowClientsFilter filter(int perAddress, int withBody, int drains, int drainsPerAddress) {
        return new SlowClientsFilter(new RateLimitProperties(true, null, null, null, null, null, null, perAddress, withBody, 100),
                new WebLimitsProperties(DataSize.ofMegabytes(1), DataSize.ofKilobytes(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(10), drains, drainsPerAddress),
                new ProblemWriter(new ObjectMapper()));
    }

    private static MockHttpServletRequest request(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transfers");
        request.setRemoteAddr(address);
        request.setContent("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return request;
    }
}
