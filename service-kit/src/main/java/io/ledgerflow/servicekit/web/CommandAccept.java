package io.ledgerflow.servicekit.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A command whose {@code Accept} excludes JSON is refused with 406 before it runs. Spring MVC decides the 406 only
 * when it writes the answer, after the handler ran: the transfer was posted, the account frozen, and the client,
 * told "not acceptable", would take it that nothing happened (with an {@code Idempotency-Key}, for good). Only the
 * API's commands (every method but GET, HEAD and OPTIONS) are checked: their answers are always JSON, while some
 * reads rightly answer other types ({@code application/x-ndjson}, {@code text/event-stream}).
 * <p>
 * Checked as the handler is invoked ({@link LedgerHandlerAdapter}), after everything that refuses the request for
 * itself (its token, its role, its path and method, its body and its type): an error keeps its status whatever the
 * {@code Accept}, and only an answer the command would have given is replaced by the 406.
 */
final class CommandAccept {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** What the JSON converter writes: {@code application/json} and any {@code application/*+json}. */
    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON,
            new MediaType("application", "*+json"));

    private CommandAccept() {
    }

    /** Throws the 406 when the request is a command of the API whose {@code Accept} excludes JSON. */
    static void require(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        if (READS.contains(request.getMethod()) || !RequestPaths.isApi(request)) {
            return;
        }
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (!accept.isEmpty() && !acceptsJson(accept)) {
            HttpMediaTypeNotAcceptableException refused = new HttpMediaTypeNotAcceptableException(JSON);
            refused.getBody().setDetail("the Accept header excludes JSON, the only type a command answers in;"
                    + " nothing was done");
            throw refused;
        }
    }

    static boolean acceptsJson(List<String> acceptHeaders) {
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(acceptHeaders);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return accepted.isEmpty() || accepted.stream().anyMatch(type -> type.getQualityValue() > 0
                && JSON.stream().anyMatch(type::isCompatibleWith));
    }
}
