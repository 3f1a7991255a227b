package io.ledgerflow.servicekit.security;

import io.ledgerflow.servicekit.web.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

import java.io.IOException;

/** Spring's CORS checks, but a refused cross-origin request is told why in problem+json, not plain text. */
class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ProblemWriter problems;

    ProblemCorsProcessor(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        problems.write(((ServletServerHttpResponse) response).getServletResponse(), HttpStatus.FORBIDDEN, "FORBIDDEN",
                "this origin, method or header is not allowed for cross-origin requests");
    }
}
