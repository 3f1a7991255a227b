package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.RawHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
        return RawHttp.post(baseUrl(), path, "Bearer " + tokenFor("alice"), body);
    }
}
