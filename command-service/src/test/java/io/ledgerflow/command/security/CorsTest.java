package io.ledgerflow.command.security;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
@TestPropertySource(properties = "ledgerflow.security.cors-allowed-origins=https://app.example")
class CorsTest extends CommandServiceTest {

    @Test
    void a_preflight_from_an_allowed_origin_is_allowed() throws Exception {
        HttpResponse<String> preflight = preflight("https://app.example", "POST", "authorization,content-type");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    @Test
    void a_preflight_from_another_origin_or_for_another_header_is_403_problem_json() throws Exception {
        for (HttpResponse<String> refused : new HttpResponse[]{
                preflight("https://evil.example", "POST", "authorization"),
                preflight("https://app.example", "POST", "x-not-allowed"),
                preflight("https://app.example", "DELETE", "authorization")}) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(Api.problemCode(refused.body())).isEqualTo("FORBIDDEN");
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void a_request_from_another_origin_is_refused_before_it_runs() {
        String id = unique("cors");

        Api.Response refused = api.with("Origin", "https://evil.example")
                .post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(id));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(replayed(id)).isEmpty();
    }

    private HttpResponse<String> preflight(String origin, String method, String headers) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/accounts"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers).build(), HttpResponse.BodyHandlers.ofString());
    }
}
