package io.ledgerflow.servicekit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Refuses a command whose {@code Accept} excludes JSON with 406 before it runs. Spring MVC decides the 406 only
 * when it writes the answer, after the handler ran: the transfer was posted, the account frozen, and the client,
 * told "not acceptable", would take it that nothing happened (with an {@code Idempotency-Key}, for good). Only the
 * API's commands (every method but GET, HEAD and OPTIONS) are checked: their answers are always JSON, while some
 * reads rightly answer other types ({@code application/x-ndjson}, {@code text/event-stream}).
 */
public class AcceptBeforeCommandFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** What the JSON converter writes: {@code application/json} and any {@code application/*+json}. */
    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON,
            new MediaType("application", "*+json"));

    private final ProblemWriter problems;

    public AcceptBeforeCommandFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod()) || !RequestPaths.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (!accept.isEmpty() && !acceptsJson(accept)) {
            problems.write(response, HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                    "the Accept header excludes JSON, the only type a command answers in; nothing was done");
            return;
        }
        chain.doFilter(request, response);
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
