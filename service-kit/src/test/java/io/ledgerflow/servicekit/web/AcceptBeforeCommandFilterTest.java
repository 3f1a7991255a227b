package io.ledgerflow.servicekit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptBeforeCommandFilterTest {

    private final AcceptBeforeCommandFilter filter = new AcceptBeforeCommandFilter(new ProblemWriter(new ObjectMapper()));

    @Test
    void a_command_whose_accept_excludes_json_is_406_before_the_application_runs() throws Exception {
        for (String accept : List.of("application/xml", "text/html", "application/json;q=0", "application/yaml",
                "text/*", "not a media type")) {
            MockHttpServletRequest request = request("POST", "/api/v1/transfers");
            request.addHeader("Accept", accept);
            MockHttpServletResponse response = new MockHttpServletResponse();
            boolean[] reached = {false};

            filter.doFilter(request, response, (req, res) -> reached[0] = true);

            assertThat(reached[0]).as(accept).isFalse();
            assertThat(response.getStatus()).as(accept).isEqualTo(406);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            assertThat(response.getContentAsString()).contains("\"code\":\"NOT_ACCEPTABLE\"");
        }
    }

    @Test
    void a_command_that_accepts_json_in_any_form_or_names_no_type_runs() throws Exception {
        List<List<String>> accepts = List.of(List.of(), List.of("application/json"), List.of("*/*"),
                List.of("application/*"), List.of("application/problem+json"), List.of("text/html, */*;q=0.1"),
                List.of("text/html", "application/json"), List.of("application/json;charset=UTF-8"));
        for (List<String> accept : accepts) {
            MockHttpServletRequest request = request("PUT", "/api/v1/accounts/a/overdraft-limit");
            accept.forEach(value -> request.addHeader("Accept", value));
            boolean[] reached = {false};

            filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> reached[0] = true);

            assertThat(reached[0]).as(accept.toString()).isTrue();
        }
    }

    @Test
    void reads_and_paths_outside_the_api_are_left_to_content_negotiation() throws Exception {
        for (MockHttpServletRequest request : List.of(request("GET", "/api/v1/audit/events"),
                request("HEAD", "/api/v1/accounts/a"), request("POST", "/login"))) {
            request.addHeader("Accept", "text/event-stream");
            boolean[] reached = {false};

            filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> reached[0] = true);

            assertThat(reached[0]).as(request.getMethod() + " " + request.getServletPath()).isTrue();
        }
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        return request;
    }
}
