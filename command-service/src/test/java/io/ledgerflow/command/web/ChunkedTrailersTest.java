package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chunked body may end with trailer fields, of which Tomcat takes 8 (from a connection's second request on: its
 * first has no limit): a ninth made its read fail otherwise than for any other malformed body, and the command
 * answered 500 {@code INTERNAL_ERROR} (a probe's finding).
 */
class ChunkedTrailersTest extends CommandServiceTest {

    @Test
    void a_chunked_body_with_more_trailer_fields_than_the_server_takes_is_400_and_nothing_is_applied()
            throws IOException {
        long events = storedEvents();
        String body = "{\"id\":\"" + unique("trailers") + "\",\"currency\":\"USD\"}";
        StringBuilder trailers = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            trailers.append("X-T").append(i).append(": y\r\n");
        }

        String answers = exchange("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + tokenFor("alice") + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                + "\r\n0\r\n" + trailers + "\r\n");

        String answer = answers.substring(answers.indexOf("HTTP/1.1 ", 1));
        assertThat(answers).startsWith("HTTP/1.1 200 ");
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"code\":\"VALIDATION_FAILED\"");
        assertThat(storedEvents()).isEqualTo(events);
    }

    private String exchange(String request) throws IOException {
        URI base = URI.create(baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
