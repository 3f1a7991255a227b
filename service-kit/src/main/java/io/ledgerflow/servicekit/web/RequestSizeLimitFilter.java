package io.ledgerflow.servicekit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses bodies over the limit with 413 before anything parses them: by Content-Length when it is given,
 * otherwise (chunked) by counting bytes as they are read.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemWriter problems;

    public RequestSizeLimitFilter(long maxBytes, ProblemWriter problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "the request body is larger than " + maxBytes + " bytes");
            return;
        }
        try {
            chain.doFilter(new WatchedBodyRequest(request, body -> new BoundedStream(body, maxBytes)), response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (isBodyTooLarge(e) && !response.isCommitted()) {
                response.reset();
                problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                        "the request body is larger than " + maxBytes + " bytes");
                return;
            }
            throw e;
        }
    }

    /** Whether reading a body failed because it passed the limit (a chunked one, counted as it was read). */
    public static boolean isBodyTooLarge(Throwable e) {
        return causedBy(e, BodyTooLargeException.class);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }
    }

    /** Counts the bytes read and fails past the limit. */
    private static final class BoundedStream extends WatchedBodyStream {

        private final long maxBytes;
        private long read;

        BoundedStream(ServletInputStream delegate, long maxBytes) {
            super(delegate);
            this.maxBytes = maxBytes;
        }

        @Override
        protected void afterRead(int bytes) throws BodyTooLargeException {
            read += bytes;
            if (read > maxBytes) {
                throw new BodyTooLargeException();
            }
        }
    }
}
