package io.ledgerflow.servicekit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a problem from a servlet filter, where Spring MVC's exception handling does not reach. */
public final class ProblemWriter {

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, HttpStatusCode status, String code, String detail) throws IOException {
        write(response, status, code, detail, null);
    }

    /** @param instance the path the request asked for, or null to leave it out */
    public void write(HttpServletResponse response, HttpStatusCode status, String code, String detail, String instance)
            throws IOException {
        ProblemDetail problem = Problems.of(status, code, detail);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(problem.getProperties());
        if (status.value() == 400) {
            body.putIfAbsent("errors", List.of()); // every 400 has it: empty when no field is at fault (a malformed URL)
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // written, not closed: a closed response ends the request, and the unread rest of a refused body could no
        // longer be drained (SlowClientsFilter)
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
