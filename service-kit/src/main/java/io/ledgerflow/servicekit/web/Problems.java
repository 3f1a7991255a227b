package io.ledgerflow.servicekit.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Builds RFC 9457 problems carrying the stable {@code code} of the API contract (docs/api.md, "Errors"). */
public final class Problems {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    private static final String TYPE_BASE = "https://ledgerflow.io/problems/";

    private Problems() {
    }

    /** Its type and title are the code's ({@link #withCode}). */
    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        return withCode(ProblemDetail.forStatusAndDetail(status, detail), code);
    }

    public static ProblemDetail validation(List<FieldViolation> violations, String detail) {
        ProblemDetail problem = of(HttpStatusCode.valueOf(400), VALIDATION_FAILED, detail);
        problem.setProperty("errors", violations);
        return problem;
    }

    /**
     * Keeps an existing code; sets the type from the code unless a specific type was chosen, and the title from the
     * code always: RFC 9457 asks one type to keep one title, whichever part of the service answers with it (Spring's
     * own problems came with its reason phrases, "Not Found", beside ours, "Account not found").
     */
    public static ProblemDetail withCode(ProblemDetail problem, String code) {
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            problem.setProperty("code", code);
        }
        String finalCode = String.valueOf(problem.getProperties().get("code"));
        if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
            problem.setType(typeOf(finalCode));
        }
        problem.setTitle(titleOf(finalCode));
        return problem;
    }

    /** {@code ACCOUNT_NOT_FOUND} is titled "Account not found". */
    public static String titleOf(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return words.isEmpty() ? "Error" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static URI typeOf(String code) {
        return URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The code for a problem Spring raised itself (routing, method, media type, bad parameters). */
    public static String codeForStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 417 -> "EXPECTATION_FAILED";
            case 429 -> "RATE_LIMITED";
            case 501 -> "NOT_IMPLEMENTED";
            case 505 -> "HTTP_VERSION_NOT_SUPPORTED";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
        };
    }
}
