package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body is UTF-8 (RFC 8259 §8.1), whatever charset its {@code Content-Type} names: one that is not valid UTF-8 is 400,
 * overlong forms included (one id must not arrive as different bytes), and a valid one is read as UTF-8, never
 * decoded a second way into other text.
 */
class StrictUtf8BodyTest extends CommandServiceTest {

    @Test
    void an_overlong_utf8_sequence_is_400_and_opens_nothing() throws Exception {
        long events = storedEvents();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"id\":\"" + unique("utf")).getBytes(StandardCharsets.UTF_8));
        // C0 AE: an overlong '.', which a lenient decoder reads as one
        body.write(0xC0);
        body.write(0xAE);
        body.writeBytes("1\",\"currency\":\"USD\"}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = post(body.toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"VALIDATION_FAILED\"");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void valid_multibyte_utf8_in_a_metadata_value_is_accepted() throws Exception {
        String body = "{\"id\":\"%s\",\"currency\":\"USD\",\"metadata\":{\"name\":\"Zoë 😀\"}}".formatted(unique("utf"));

        HttpResponse<String> response = post(body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void utf8_labelled_as_latin1_is_read_as_utf8_and_stored_as_sent() throws Exception {
        String id = unique("utf");
        String body = "{\"id\":\"%s\",\"currency\":\"USD\",\"metadata\":{\"name\":\"café\"}}".formatted(id);

        HttpResponse<String> response = post(body.getBytes(StandardCharsets.UTF_8), "application/json; charset=ISO-8859-1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).contains("\"name\":\"café\"");
        HttpResponse<String> repeat = post(body.getBytes(StandardCharsets.UTF_8));
        assertThat(repeat.statusCode()).as("the same fields as stored: " + repeat.body()).isEqualTo(200);
    }

    @Test
    void latin1_bytes_are_400_whatever_the_charset_says() throws Exception {
        long events = storedEvents();
        String body = "{\"id\":\"%s\",\"currency\":\"USD\",\"metadata\":{\"name\":\"café\"}}".formatted(unique("utf"));

        HttpResponse<String> response = post(body.getBytes(StandardCharsets.ISO_8859_1), "application/json;charset=latin1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"VALIDATION_FAILED\"");
        assertThat(storedEvents()).isEqualTo(events);
    }

    /** Its ASCII has a zero byte beside every character: no JSON text holds a raw NUL, so it is no UTF-8 JSON. */
    @Test
    void utf16_without_a_byte_order_mark_is_400_even_when_it_is_all_ascii() throws Exception {
        long events = storedEvents();
        String body = "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(unique("utf"));

        HttpResponse<String> labelled = post(body.getBytes(StandardCharsets.UTF_16LE), "application/json; charset=UTF-16LE");
        HttpResponse<String> plain = post(body.getBytes(StandardCharsets.UTF_16BE), "application/json");

        assertThat(labelled.statusCode()).as(labelled.body()).isEqualTo(400);
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(events);
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return post(body, "application/json");
    }

    private HttpResponse<String> post(byte[] body, String contentType) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/accounts"))
                .header("Authorization", "Bearer " + tokenFor("alice"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
