package io.ledgerflow.command.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.servicekit.web.ProblemWriter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

import java.io.IOException;

/** The shared idempotency answers, and the two that only a key stored with the command can give. */
class IdempotencyProblems extends io.ledgerflow.servicekit.idempotency.IdempotencyProblems {

    IdempotencyProblems(ProblemWriter problems, ObjectMapper json) {
        super(problems, json);
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
}
