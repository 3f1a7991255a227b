package io.ledgerflow.servicekit.idempotency;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {

    private static final byte[] BODY = "{\"id\":\"t-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void a_bare_question_mark_asks_nothing_more_so_the_request_is_the_same() {
        assertThat(RequestFingerprint.of(request(""), BODY)).isEqualTo(RequestFingerprint.of(request(null), BODY));
    }

    @Test
    void a_query_string_or_another_body_makes_another_request() {
        byte[] plain = RequestFingerprint.of(request(null), BODY);

        assertThat(RequestFingerprint.of(request("a=1"), BODY)).isNotEqualTo(plain);
        assertThat(RequestFingerprint.of(request(null), "{}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(plain);
    }

    private static MockHttpServletRequest request(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transfers");
        request.setQueryString(query);
        return request;
    }
}
