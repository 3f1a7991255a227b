package io.ledgerflow.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers of the idempotency filter, written as problem+json (it runs outside Spring MVC). */
class IdempotencyProblems {

    static final String KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    static final String KEY_IN_PROGRESS = "IDEMPOTENCY_KEY_IN_PROGRESS";

    private final ProblemWriter problems;
    private final ObjectMapper json;

    IdempotencyProblems(ProblemWriter problems, ObjectMapper json) {
        this.problems = problems;
        this.json = json;
    }

    void invalidKey(HttpServletResponse response, String message) throws IOException {
        ProblemDetail problem = Problems.validation(List.of(new FieldViolation(IdempotencyFilter.HEADER, message)),
                "the " + IdempotencyFilter.HEADER + " header is invalid: " + message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.putAll(problem.getProperties());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }

    void keyReused(HttpServletResponse response, String key) throws IOException {
        problems.write(response, HttpStatus.UNPROCESSABLE_ENTITY, KEY_REUSED, "the Idempotency-Key '" + key
                + "' was already used for a different request (method, path or body); use a new key");
    }

    void keyInProgress(HttpServletResponse response, String key, Duration waited) throws IOException {
        response.setHeader("Retry-After", "1");
        problems.write(response, HttpStatus.CONFLICT, KEY_IN_PROGRESS, "a request with the Idempotency-Key '" + key
                + "' is still executing after " + waited.toMillis() + " ms; retry it to get its answer");
    }

    void tooManyWaiting(HttpServletResponse response, String key) throws IOException {
        response.setHeader("Retry-After", "1");
        problems.write(response, HttpStatus.CONFLICT, KEY_IN_PROGRESS, "a request with the Idempotency-Key '" + key
                + "' is still executing, and as many requests as may wait for it already do; retry it to get its"
                + " answer");
    }

    void keyTakenOver(HttpServletResponse response, String key) throws IOException {
        response.setHeader("Retry-After", "1");
        problems.write(response, HttpStatus.CONFLICT, KEY_IN_PROGRESS, "a retry took the Idempotency-Key '" + key
                + "' over from this request (it held the key past abandon-after, or had not begun its transaction a"
                + " second after claiming it): nothing of this request was applied; retry it to get the answer of the"
                + " one that took over");
    }

    void outcomeUnknown(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "5");
        problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                "the database failed while the request committed; retry with the same Idempotency-Key: its answer is"
                        + " replayed if it was applied, and it executes if it was not");
    }

    void storeUnavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                "the Idempotency-Key could not be checked right now; nothing was executed, retry with the same key");
    }
}
