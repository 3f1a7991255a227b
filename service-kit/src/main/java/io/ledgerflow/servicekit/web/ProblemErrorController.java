package io.ledgerflow.servicekit.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Optional;

/**
 * Replaces Boot's error page for errors raised outside Spring MVC's exception handling (the servlet container,
 * filters), so that they too are problem+json. Requested directly, {@code /error} is just an unknown path.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = code instanceof Integer value && value >= 400
                ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
        HttpStatus known = HttpStatus.resolve(status.value());
        String reason = known == null ? "Error" : known.getReasonPhrase();
        ProblemDetail problem = Problems.of(status, Problems.codeForStatus(status), detail(status, reason));
        instance(request).ifPresent(problem::setInstance);
        // set, not negotiated: an Accept header that does not parse would have left the body empty
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(HttpStatusCode status, String reason) {
        if (status.value() == HttpStatus.REQUEST_TIMEOUT.value()) {
            // Tomcat's own answer when a read of the body waited past its read timeout for bytes that never came
            return "the request body did not arrive in time";
        }
        return status.is5xxServerError() ? "An unexpected error occurred" : reason;
    }

    /** The path the client asked for, not this controller's. */
    private static Optional<URI> instance(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(path)); // as the request line had it, still percent-encoded
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }
}
