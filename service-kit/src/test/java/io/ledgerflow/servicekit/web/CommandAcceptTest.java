package io.ledgerflow.servicekit.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandAcceptTest {

    @Test
    void a_command_whose_accept_excludes_json_is_refused_with_406() {
        for (String accept : List.of("application/xml", "text/html", "application/json;q=0", "application/yaml",
                "text/*", "not a media type")) {
            MockHttpServletRequest request = request("POST", "/api/v1/transfers");
            request.addHeader("Accept", accept);

            assertThatThrownBy(() -> CommandAccept.require(request)).as(accept)
                    .isInstanceOfSatisfying(HttpMediaTypeNotAcceptableException.class, refused -> {
                        assertThat(refused.getStatusCode().value()).isEqualTo(406);
                        assertThat(refused.getBody().getDetail()).contains("nothing was done");
                    });
        }
    }

    @Test
    void a_command_that_accepts_json_in_any_form_or_names_no_type_runs() {
        List<List<String>> accepts = List.of(List.of(), List.of("application/json"), List.of("*/*"),
                List.of("application/*"), List.of("application/problem+json"), List.of("text/html, */*;q=0.1"),
                List.of("text/html", "application/json"), List.of("application/json;charset=UTF-8"));
        for (List<String> accept : accepts) {
            MockHttpServletRequest request = request("PUT", "/api/v1/accounts/a/overdraft-limit");
            accept.forEach(value -> request.addHeader("Accept", value));

            assertThatCode(() -> CommandAccept.require(request)).as(accept.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void reads_and_paths_outside_the_api_are_left_to_content_negotiation() {
        for (MockHttpServletRequest request : List.of(request("GET", "/api/v1/audit/events"),
                request("HEAD", "/api/v1/accounts/a"), request("POST", "/login"))) {
            request.addHeader("Accept", "text/event-stream");

            assertThatCode(() -> CommandAccept.require(request)).as(request.getMethod() + " " + request.getServletPath())
                    .doesNotThrowAnyException();
        }
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        return request;
    }
}
