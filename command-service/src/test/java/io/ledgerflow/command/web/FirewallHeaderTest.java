package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.RawHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall checks the headers a request is served by as Spring Security's default does: printable ASCII (its
 * fast path) and other assigned, non-control characters pass it; a control character is refused with a problem.
 * Sent over a socket in ISO-8859-1, as a client may, because the JDK's HTTP client sends no such header bytes.
 * A method it refuses is 405 with the path's methods in {@code Allow}, or 404 where no endpoint has the path.
 */
class FirewallHeaderTest extends CommandServiceTest {

    @Test
    void a_bearer_token_in_printable_ascii_passes_the_firewall() throws IOException {
        assertThat(openWithAuthorization("Bearer " + tokenFor("alice"))).startsWith("HTTP/1.1 201");
    }

    @Test
    void a_bearer_header_with_a_latin_1_letter_passes_the_firewall_and_is_refused_as_a_token() throws IOException {
        String response = openWithAuthorization("Bearer caf\u00e9");

        assertThat(response).startsWith("HTTP/1.1 401").contains("\"code\":\"UNAUTHORIZED\"");
    }

    @Test
    void a_bearer_header_with_a_control_character_is_refused_by_the_firewall_with_a_problem() throws IOException {
        String response = openWithAuthorization("Bearer abc\u0085def");

        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"code\":\"VALIDATION_FAILED\"");
    }

    @Test
    void a_method_the_firewall_refuses_is_405_with_a_problem() throws Exception {
        for (String method : new String[]{"TRACE", "PROPFIND"}) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(baseUrl() + "/api/v1/transfers"))
                    .header("Authorization", "Bearer " + tokenFor("alice"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.body()).contains("\"code\":\"METHOD_NOT_ALLOWED\"");
        }
    }

    @Test
    void a_method_the_firewall_refuses_names_the_methods_of_the_path_in_allow_as_spring_mvc_does() throws Exception {
        for (String method : new String[]{"TRACE", "PROPFIND"}) {
            HttpResponse<String> refused = send(method, "/api/v1/transfers/some-transfer/void");
            HttpResponse<String> knownMethod = send("DELETE", "/api/v1/transfers/some-transfer/void");

            assertThat(refused.statusCode()).as(method).isEqualTo(405);
            assertThat(refused.headers().allValues("Allow")).as(method).containsExactly("POST")
                    .isEqualTo(knownMethod.headers().allValues("Allow"));
        }
        assertThat(send("TRACE", "/api/v1/accounts/some-account/overdraft-limit").headers().allValues("Allow"))
                .containsExactly("PUT");
    }

    @Test
    void a_method_the_firewall_refuses_on_a_path_no_endpoint_has_is_404_as_any_method_there() throws Exception {
        for (String method : new String[]{"TRACE", "PROPFIND", "DELETE"}) {
            HttpResponse<String> response = send(method, "/api/v1/nothing-here");

            assertThat(response.statusCode()).as(method).isEqualTo(404);
            assertThat(response.body()).as(method).contains("\"code\":\"NOT_FOUND\"")
                    .contains("\"instance\":\"/api/v1/nothing-here\"");
            assertThat(response.headers().allValues("Allow")).as(method).allMatch(String::isEmpty);
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + tokenFor("alice"))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The firewall checks a header when it is read; If-Match is read by the handler, where the refusal was taken for
     * an unexpected failure: 500, for a C1 control byte (0x80-0x9F) in it (found by probe K).
     */
    @Test
    void a_header_the_handler_reads_with_a_control_character_is_a_400_naming_it_never_a_500() throws IOException {
        String account = openAccount("USD");
        String response = RawHttp.post(baseUrl(), "/api/v1/accounts/" + account + "/freeze",
                "Bearer " + tokenFor("operator") + "\r\nIf-Match: \"\u0085\"", "{}");

        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"code\":\"VALIDATION_FAILED\"").contains("\"field\":\"If-Match\"");
        assertThat(replayed(account).orElseThrow().status().name()).isEqualTo("OPEN");
    }

    /** The whole response, head and body, to opening an account with this Authorization header. */
    private String openWithAuthorization(String authorization) throws IOException {
        String body = "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"USD\"}".formatted(unique("fw"));
        return RawHttp.post(baseUrl(), "/api/v1/accounts", authorization, body);
    }
}
