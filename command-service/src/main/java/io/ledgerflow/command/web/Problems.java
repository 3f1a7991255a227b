package io.ledgerflow.command.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** RFC 9457 problem documents with our stable {@code code} member. */
public final class Problems {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://ledgerflow.io/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail validation(String code, List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatusCode.valueOf(400), code, "the request is not valid: "
                + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()));
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A codeless problem from Spring MVC itself (unknown path, wrong method, …) gets a code by its status. */
    public static String codeForStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "RATE_LIMITED";
            default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
        };
    }

    public record FieldError(String field, String message) {
    }
}
