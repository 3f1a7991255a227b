package io.ledgerflow.query.web;

import io.ledgerflow.query.support.QueryServiceTest;
import io.ledgerflow.query.support.RawHttp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the server refuses before any handler, for the protocol they speak: problem+json with a code of their
 * own, never {@code INTERNAL_ERROR}, which means a bug (a probe got it for an {@code HTTP/2.0} request line).
 */
class ProtocolErrorsTest extends QueryServiceTest {

    @Test
    void an_http_version_the_server_does_not_speak_is_505_with_its_own_code() {
        RawHttp.Answer answer = RawHttp.exchange(port(), ("GET /api/v1/dashboard/totals HTTP/2.0\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token("viewer") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.status()).isEqualTo(505);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"HTTP_VERSION_NOT_SUPPORTED\"");
    }

    /**
     * Every answer carries a correlation id, those Tomcat gives before any filter ran too (they had none). These
     * two are refused on their request line, before Tomcat reads the headers: a new id, as for a request without.
     */
    @Test
    void an_answer_the_server_gives_before_any_filter_carries_a_correlation_id() {
        RawHttp.Answer malformed = RawHttp.exchange(port(), ("GET /api/v1/accounts/a\\b HTTP/1.1\r\nHost: localhost"
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        RawHttp.Answer unspoken = RawHttp.exchange(port(), ("GET /api/v1/dashboard/totals HTTP/2.0\r\nHost: "
                + "localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.correlationId()).matches("[0-9a-f-]{36}");
        assertThat(unspoken.status()).isEqualTo(505);
        assertThat(unspoken.correlationId()).matches("[0-9a-f-]{36}");
    }

    /**
     * A read's body is never read; Tomcat read it after the answer, and a ninth trailer field (it takes 8 from a
     * connection's second request on) made it append its own 404 to the answer already sent: two documents in one
     * body (a probe's finding).
     */
    @Test
    void a_read_with_a_chunked_body_past_the_trailer_fields_the_server_takes_gets_its_answer_alone() {
        StringBuilder trailers = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            trailers.append("X-T").append(i).append(": y\r\n");
        }
        RawHttp.Answer answer = RawHttp.exchange(port(), ("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /api/v1/dashboard/totals HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + token("viewer") + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\n{}\r\n0\r\n" + trailers + "\r\n").getBytes(StandardCharsets.US_ASCII));

        String second = answer.body().substring(answer.body().indexOf("HTTP/1.1 "));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(second).startsWith("HTTP/1.1 200 ").contains("\"currencies\"")
                .doesNotContain("ledgerflow.io/problems");
    }

    /**
     * A read never reads a body. One that never came was drained after the answer for 10 s, holding the thread, and
     * Tomcat's read timeout then appended an error page to the answer (a probe's finding).
     */
    @Test
    void a_read_whose_body_never_comes_is_answered_whole_and_its_connection_closed_at_once() {
        long started = System.nanoTime();
        RawHttp.Answer answer = RawHttp.exchange(port(), ("GET /api/v1/dashboard/totals HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token("viewer") + "\r\nContent-Length: 100\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).startsWith("{\"currencies\"").endsWith("}").doesNotContain("ledgerflow.io/problems");
        assertThat(millis).as("ms until the connection closed").isLessThan(5_000);
    }

    @Test
    void an_expectation_the_server_does_not_know_is_417_with_its_own_code() {
        RawHttp.Answer answer = RawHttp.exchange(port(), ("POST /api/v1/admin/projections/rebuild HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nExpect: 200-ok\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.status()).isEqualTo(417);
        assertThat(answer.body()).contains("\"code\":\"EXPECTATION_FAILED\"");
    }

    @Test
    void a_transfer_encoding_the_server_does_not_know_is_501_not_implemented() {
        RawHttp.Answer answer = RawHttp.exchange(port(), ("POST /api/v1/admin/projections/rebuild HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nTransfer-Encoding: xchunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.status()).isEqualTo(501);
        assertThat(answer.body()).contains("\"code\":\"NOT_IMPLEMENTED\"");
    }
}
