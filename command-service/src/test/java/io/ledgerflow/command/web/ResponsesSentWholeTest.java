package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON answer goes out whole, with its length, instead of chunked after the converter's flush (which costs a second
 * write per response): read over a socket, because HTTP clients hide how a body was framed.
 */
class ResponsesSentWholeTest extends CommandServiceTest {

    @Test
    void a_created_account_is_answered_with_its_content_length_and_not_chunked() throws IOException {
        String body = "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}".formatted(unique("whole"));

        String response = post("/api/v1/accounts", body);

        String head = response.substring(0, response.indexOf("\r\n\r\n"));
        String answer = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(head).startsWith("HTTP/1.1 201").doesNotContainIgnoringCase("Transfer-Encoding")
                .containsIgnoringCase("Content-Length: " + answer.getBytes(StandardCharsets.ISO_8859_1).length);
        assertThat(answer).startsWith("{").endsWith("}");
    }

    @Test
    void a_problem_is_answered_with_its_content_length_too() throws IOException {
        String response = post("/api/v1/accounts", "{\"id\":\"x\"}");

        String head = response.substring(0, response.indexOf("\r\n\r\n"));
        String answer = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(head).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("Transfer-Encoding")
                .containsIgnoringCase("Content-Length: " + answer.getBytes(StandardCharsets.ISO_8859_1).length);
        assertThat(answer).contains("\"code\":\"VALIDATION_FAILED\"");
    }

    private String post(String path, String body) throws IOException {
        int port = URI.create(baseUrl()).getPort();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + tokenFor("alice")
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
