package io.ledgerflow.servicekit.idempotency;

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

/**
 * The answers of an idempotency filter, written as problem+json (it runs outside Spring MVC). A service adds the
 * answers only its own store can give.
 */
public class IdempotencyProblems {

    public static final String KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";
    public static final String KEY_IN_PROGRESS = "IDEMPOTENCY_KEY_IN_PROGRESS";

    protected final ProblemWriter problems;
    private final ObjectMapper json;

    public IdempotencyProblems(ProblemWriter problems, ObjectMapper json) {
        this.problems = problems;
        this.json = json;
    }

    public void invalidKey(HttpServletResponse response, String message) throws IOException {
        ProblemDetail problem = Problems.validation(List.of(new FieldViolation(IdempotencyKeyHeader.HEADER, message)),
                "the " + IdempotencyKeyHeader.HEADER + " header is invalid: " + message);
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

    public void keyReused(HttpServletResponse response, String key) throws IOException {
        problems.write(response, HttpStatus.UNPROCESSABLE_ENTITY, KEY_REUSED, "the Idempotency-Key '" + key
                + "' was already used for a different request (method, path or body); use a new key");
    }

    public void keyInProgress(HttpServletResponse response, String key, Duration waited) throws IOException {
        response.setHeader("Retry-After", "1");
        problems.write(response, HttpStatus.CONFLICT, KEY_IN_PROGRESS, "a request with the Idempotency-Key '" + key
                + "' is still executing after " + waited.toMillis() + " ms; retry it to get its answer");
    }

    public void tooManyWaiting(HttpServletResponse response, String key) throws IOException {
        response.setHeader("Retry-After", "1");
        problems.write(response, HttpStatus.CONFLICT, KEY_IN_PROGRESS, "a request with the Idempotency-Key '" + key
                + "' is still executing, and as many requests as may wait for it already do; retry it to get its"
                + " answer");
    }

    /** The key store is the service's database (or MongoDB) out of reach: the same advice as for that, 5 s. */
    public void storeUnavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "5");
        problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                "the Idempotency-Key could not be checked right now; nothing was executed, retry with the same key");
    }
}
