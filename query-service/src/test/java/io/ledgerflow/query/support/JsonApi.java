package io.ledgerflow.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP calls to the application under test, and JSON helpers that keep field order visible. */
public final class JsonApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;
    private final String bearerToken;

    public JsonApi(TestRestTemplate http) {
        this(http, null);
    }

    private JsonApi(TestRestTemplate http, String bearerToken) {
        this.http = http;
        this.bearerToken = bearerToken;
    }

    /** The same client, sending {@code Authorization: Bearer <token>}. */
    public JsonApi as(String token) {
        return new JsonApi(http, token);
    }

    public ResponseEntity<String> get(String path) {
        return get(path, new HttpHeaders());
    }

    public ResponseEntity<String> get(String path, HttpHeaders headers) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(authorized(headers)), String.class);
    }

    /** The path is sent exactly as written, percent-escapes included. */
    public ResponseEntity<String> getRaw(String path) {
        return http.exchange(URI.create(http.getRootUri() + path), HttpMethod.GET,
                new HttpEntity<>(authorized(new HttpHeaders())), String.class);
    }

    public ResponseEntity<String> exchange(HttpMethod method, String path) {
        return http.exchange(path, method, new HttpEntity<>(authorized(new HttpHeaders())), String.class);
    }

    private HttpHeaders authorized(HttpHeaders headers) {
        if (bearerToken != null) {
            headers.setBearerAuth(bearerToken);
        }
        return headers;
    }

    public JsonNode json(String path) {
        return parse(get(path));
    }

    public static JsonNode parse(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody() == null ? "{}" : response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.elements().forEachRemaining(items::add);
        return items;
    }

    /** An RFC 9457 problem with the contract's members and code. */
    public static JsonNode assertProblem(ResponseEntity<String> response, int status, String code) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = parse(response);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.hasNonNull("type") && problem.hasNonNull("title") && problem.hasNonNull("detail"))
                .as(problem.toString()).isTrue();
        return problem;
    }
}
