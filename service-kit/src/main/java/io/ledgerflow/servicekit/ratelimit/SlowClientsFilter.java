package io.ledgerflow.servicekit.ratelimit;

import io.ledgerflow.servicekit.concurrency.BoundedPlaces;
import io.ledgerflow.servicekit.web.CorrelationIdFilter;
import io.ledgerflow.servicekit.web.ProblemWriter;
import io.ledgerflow.servicekit.web.WebLimitsProperties;
import io.ledgerflow.servicekit.web.WatchedBodyRequest;
import io.ledgerflow.servicekit.web.WatchedBodyStream;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request thread blocks while it reads a body, so a client that sends bodies slowly (a byte every few seconds,
 * with or without a token) holds one thread per connection, and a few hundred such connections held every thread
 * of the service: nobody else was answered, the health check included (a probe's finding). Outermost but for the
 * correlation id:
 * <ul>
 * <li>at most {@code concurrentPerAddress} requests with a body from one client address run at once; one more is
 *     429 at once, its body unread and its connection closed (a request without a body is not counted: it cannot
 *     be sent slowly once its headers are in, and those Tomcat reads without a thread; nor is a read, a GET, HEAD or
 *     OPTIONS, with a body: nobody reads it, and the connection is closed after the answer);</li>
 * <li>at most {@code concurrentWithBody} such requests run at once from all addresses together; one more is 503
 *     {@code SERVICE_UNAVAILABLE}, also at once: a few addresses, each within its limit, held every thread, and not
 *     even the health check was answered (a probe's finding);</li>
 * <li>a body must have arrived {@code bodyReadTimeout} after the request did: a read past that fails, the answer is
 *     408 {@code REQUEST_TIMEOUT} and the connection is closed;</li>
 * <li>the rest of a body that the answer did not need (a refusal before it was read: 401, 413, 415, …) is read and
 *     dropped by {@link RefusedBodyDrain}, within a size, a pace and a number at once (Tomcat itself drains nothing:
 *     {@code TomcatConfig}). A drain does not hold the request's place above but one of its own, since a body that
 *     stops coming holds its thread until the read timeout ends the read.</li>
 * </ul>
 * A live stream or an export (an asynchronous request) holds no request thread once it started, and no place here.
 */
public class SlowClientsFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final BoundedPlaces<String> running;
    private final RefusedBodyDrain drain;
    private final boolean limited;
    private final List<String> trustedProxies;
    private final long bodyReadNanos;
    private final ProblemWriter problems;

    public SlowClientsFilter(RateLimitProperties limits, WebLimitsProperties web, ProblemWriter problems) {
        this.limited = limits.enabled();
        this.running = new BoundedPlaces<>(limits.concurrentPerAddress(), limits.concurrentWithBody());
        this.drain = new RefusedBodyDrain(web);
        this.trustedProxies = limits.trustedProxies();
        this.bodyReadNanos = web.bodyReadTimeout().toNanos();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // a request without a body cannot be sent slowly once its headers are in, and a read's body is never read:
        // only commands with one are counted
        boolean counted = limited && commandWithBody(request);
        String address = counted ? ClientAddress.of(request, trustedProxies) : null;
        if (counted && !running.tryTake(address)) {
            refuse(response, running.heldBy(address) >= running.perKey());
            return;
        }
        boolean holding = counted;
        try {
            long deadline = System.nanoTime() + bodyReadNanos;
            AtomicReference<TimedStream> timed = new AtomicReference<>();
            ContentCachingResponseWrapper held = holdsItsAnswer(request) ? new ContentCachingResponseWrapper(response)
                    : null;
            try {
                chain.doFilter(new WatchedBodyRequest(request, body -> {
                    timed.set(new TimedStream(body, deadline));
                    return timed.get();
                }), held != null ? held : response);
            } catch (IOException | ServletException | RuntimeException e) {
                // a filter that reads the body itself (the Idempotency-Key's) lets the failed read out
                if (timed.get() == null || !timed.get().tooSlow) {
                    throw e;
                }
            }
            if (request.isAsyncStarted()) {
                return;
            }
            if (timed.get() != null && timed.get().tooSlow) {
                answerTooSlow(request, response);
            } else {
                // the request is answered: what is left is a drain, bounded on its own
                if (holding) {
                    holding = false;
                    running.give(address);
                }
                drain.answerAndDrain(request, response, held, address);
            }
        } finally {
            if (holding) {
                running.give(address);
            }
        }
    }

    /** At once, its body unread and its connection closed: the address's own limit (429), or everyone's (503). */
    private void refuse(HttpServletResponse response, boolean thisAddress) throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        if (thisAddress) {
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                    "too many requests from this address are running at once; wait for one to end");
        } else {
            problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "too many requests with a body are running at once; try again shortly");
        }
        response.flushBuffer();
    }

    /**
     * A command with a body has its answer held until it is complete, then sent with its length before the rest of
     * the body is drained. Flushed as it was, a refusal went out chunked without its last chunk; when the rest of
     * the body then never came, Tomcat's read timeout made it add its own error page to that open answer: two
     * problems in one body, and its end only 10 s later (a probe's finding). Reads are not held: a live stream or an
     * export must flow.
     */
    private static boolean holdsItsAnswer(HttpServletRequest request) {
        return commandWithBody(request);
    }

    /** Any method but the reads, with a body: reads never read theirs (it is neither waited for nor drained). */
    static boolean commandWithBody(HttpServletRequest request) {
        return hasBody(request) && !READS.contains(request.getMethod());
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    int runningFor(String address) {
        return running.heldBy(address);
    }

    int drainingFor(String address) {
        return drain.drainingFor(address);
    }

    private void answerTooSlow(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!response.isCommitted()) {
            String correlationId = response.getHeader(CorrelationIdFilter.HEADER); // reset() drops every header
            response.reset();
            if (correlationId != null) {
                response.setHeader(CorrelationIdFilter.HEADER, correlationId);
            }
            response.setHeader(HttpHeaders.CONNECTION, "close");
            problems.write(response, HttpStatus.REQUEST_TIMEOUT, "REQUEST_TIMEOUT",
                    "the request body did not arrive within " + Duration.ofNanos(bodyReadNanos).toSeconds()
                            + " s of its headers", request.getRequestURI());
        }
        response.flushBuffer();
    }

    /**
     * Reads fail once the body's time is up; the filter then answers 408. A read that waited for bytes that never
     * came fails by the container's read timeout ({@code server.tomcat.connection-timeout}): that is a body too slow
     * as well. Taken for a malformed body, it was answered 400 {@code VALIDATION_FAILED} (with an Idempotency-Key),
     * or had the rest of the body waited for again and then Tomcat's own 408 (without).
     */
    private static final class TimedStream extends WatchedBodyStream {

        private final long deadline;
        private volatile boolean tooSlow;

        TimedStream(ServletInputStream delegate, long deadline) {
            super(delegate);
            this.deadline = deadline;
        }

        @Override
        protected void beforeRead() throws BodyTooSlowException {
            checkTime();
        }

        @Override
        protected void afterRead(int bytes) throws BodyTooSlowException {
            checkTime();
        }

        @Override
        protected IOException readFailed(IOException failure) {
            if (failure instanceof BodyTooSlowException || !timedOut(failure) && System.nanoTime() - deadline <= 0) {
                return failure;
            }
            tooSlow = true;
            BodyTooSlowException tooSlowNow = new BodyTooSlowException();
            tooSlowNow.initCause(failure);
            return tooSlowNow;
        }

        private static boolean timedOut(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SocketTimeoutException) {
                    return true;
                }
            }
            return false;
        }

        private void checkTime() throws BodyTooSlowException {
            if (!isFinished() && System.nanoTime() - deadline > 0) {
                tooSlow = true;
                throw new BodyTooSlowException();
            }
        }
    }

    static final class BodyTooSlowException extends IOException {
        BodyTooSlowException() {
            super("request body too slow");
        }
    }
}
