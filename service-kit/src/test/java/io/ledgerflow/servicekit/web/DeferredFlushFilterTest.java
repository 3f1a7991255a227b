package io.ledgerflow.servicekit.web;

import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DeferredFlushFilterTest {

    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transfers");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void a_flush_during_the_request_does_not_commit_the_response() throws Exception {
        ServletResponse wrapped = filtered();

        wrapped.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
        wrapped.getOutputStream().flush();
        wrapped.flushBuffer();

        assertThat(response.isCommitted()).isFalse();
        assertThat(response.getContentAsString()).isEqualTo("{}");
    }

    @Test
    void once_the_request_went_asynchronous_a_flush_goes_through() throws Exception {
        ServletResponse wrapped = filtered();
        request.setAsyncStarted(true);

        wrapped.getOutputStream().write("data: 1\n\n".getBytes(StandardCharsets.UTF_8));
        wrapped.getOutputStream().flush();

        assertThat(response.isCommitted()).isTrue();
    }

    @Test
    void flush_buffer_goes_through_once_asynchronous_too() throws Exception {
        ServletResponse wrapped = filtered();
        request.setAsyncStarted(true);

        wrapped.flushBuffer();

        assertThat(response.isCommitted()).isTrue();
    }

    /** The response the rest of the chain gets. */
    private ServletResponse filtered() throws Exception {
        AtomicReference<ServletResponse> seen = new AtomicReference<>();
        new DeferredFlushFilter().doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, ServletResponse res) {
                seen.set(res);
            }
        });
        return seen.get();
    }
}
