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

    @Test
    void a_transfer_encoding_the_server_does_not_know_is_501_not_implemented() {
        RawHttp.Answer answer = RawHttp.exchange(port(), ("POST /api/v1/admin/projections/rebuild HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nTransfer-Encoding: xchunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.status()).isEqualTo(501);
        assertThat(answer.body()).contains("\"code\":\"NOT_IMPLEMENTED\"");
    }
}
