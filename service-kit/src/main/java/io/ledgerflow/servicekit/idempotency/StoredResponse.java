package io.ledgerflow.servicekit.idempotency;

import io.ledgerflow.servicekit.web.RefusedBeforeTheHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The first answer to a key, as it went out: status, the headers worth repeating, the body's exact bytes. */
public record StoredResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /**
     * Headers that describe the result itself (besides Content-Type); per-request ones (correlation id, rate
     * limits, security headers) are fresh on every response.
     */
    public static final List<String> KEPT_HEADERS = List.of("Location", "ETag", "X-Consistency-Token");

    /**
     * Final answers are kept: successes and the client's or the ledger's refusals (400, 403, 404, 409, 422, …).
     * 429 and 5xx say "not now", so the key is released and a retry executes.
     */
    public static boolean worthKeeping(int status) {
        return status >= 200 && status < 500 && status != 408 && status != 429;
    }

    /**
     * Whether a recorded answer is kept for its key: a final status ({@link #worthKeeping(int)}) that the request's
     * command or action produced. Not one Spring MVC gave before any ran (unknown path, 405, 406, 415: see
     * {@link RefusedBeforeTheHandler}), nor an error sent with sendError, whose body the container's error page
     * writes after the recording ended.
     */
    public static boolean worthKeeping(HttpServletRequest request, ContentCachingResponseWrapper recorded) {
        int status = recorded.getStatus();
        return worthKeeping(status) && (status < 400 || recorded.getContentSize() > 0)
                && !RefusedBeforeTheHandler.isMarked(request);
    }

    public static StoredResponse of(ContentCachingResponseWrapper response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getContentType() != null) {
            headers.put("Content-Type", List.of(response.getContentType()));
        }
        for (String name : KEPT_HEADERS) {
            List<String> values = List.copyOf(response.getHeaders(name));
            if (!values.isEmpty()) {
                headers.put(name, values);
            }
        }
        return new StoredResponse(response.getStatus(), headers, response.getContentAsByteArray());
    }

    public void replayTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setHeader(IdempotencyKeyHeader.REPLAYED, "true");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
