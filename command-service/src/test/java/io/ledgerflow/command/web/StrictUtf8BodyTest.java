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

/** A body that is not valid UTF-8 is 400, overlong forms included: one id must not arrive as different bytes. */
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

    private HttpResponse<String> post(byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/accounts"))
                .header("Authorization", "Bearer " + tokenFor("alice"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
