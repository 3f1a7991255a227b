package io.ledgerflow.servicekit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSizeLimitFilterTest {

    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(1_000, new ProblemWriter(new ObjectMapper()));

    @Test
    void a_declared_length_over_the_limit_is_refused_before_the_application_runs() throws Exception {
        MockHttpServletRequest request = post(new byte[1_001]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean[] reached = {false};

        filter.doFilter(request, response, (req, res) -> reached[0] = true);

        assertThat(reached[0]).isFalse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    void a_body_without_a_declared_length_is_cut_off_at_the_limit_while_it_is_read() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/v1/transfers") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContent(new byte[5_000]);

        filter.doFilter(chunked, response, (req, res) -> ((HttpServletRequest) req).getInputStream().readAllBytes());

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_body_within_the_limit_reaches_the_application_whole() throws Exception {
        MockHttpServletRequest request = post(new byte[1_000]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        int[] read = {0};

        filter.doFilter(request, response, (req, res) -> read[0] = readAll((HttpServletRequest) req));

        assertThat(read[0]).isEqualTo(1_000);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static int readAll(HttpServletRequest request) throws IOException {
        return request.getInputStream().readAllBytes().length;
    }

    private static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transfers");
        request.setContent(body);
        return request;
    }
}
