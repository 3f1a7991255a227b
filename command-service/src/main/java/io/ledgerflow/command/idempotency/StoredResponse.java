package io.ledgerflow.command.idempotency;

import java.util.List;
import java.util.Map;

/** The first answer to a key, as it went out: status, the headers worth repeating, the body's exact bytes. */
record StoredResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /**
     * Headers that describe the result itself (besides Content-Type); per-request ones (correlation id, rate
     * limits, security headers) are fresh on every response.
     */
    static final List<String> KEPT_HEADERS = List.of("Location", "ETag", "X-Consistency-Token");

    /**
     * Final answers are kept: successes and the client's or the ledger's refusals (400, 403, 404, 409, 422, …).
     * 429 and 5xx say "not now", so the key is released and a retry executes.
     */
    static boolean worthKeeping(int status) {
        return status >= 200 && status < 500 && status != 408 && status != 429;
    }
}
