package io.ledgerflow.servicekit.ratelimit;

import io.ledgerflow.servicekit.concurrency.BoundedPlaces;
import io.ledgerflow.servicekit.web.WebLimitsProperties;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;

/**
 * The rest of a body that the answer did not need (a refusal before it was read: 401, 413, 415, …), read and dropped
 * so that a client that writes its whole request before it reads still gets the answer, not a reset ({@link
 * SlowClientsFilter} sends the answer through here). Within {@code refusedBodyDrain} bytes, and after the first
 * {@code refusedBodyDrainTime} only while it keeps coming at {@link #MIN_DRAIN_RATE} bytes a second on average; at
 * most {@code refusedBodyDrains} at once, {@code refusedBodyDrainsPerAddress} for one address.
 */
final class RefusedBodyDrain {

    /** 64 KiB a second: a slow link sending a large refused body passes, a trickle of bytes does not. */
    static final long MIN_DRAIN_RATE = 64 * 1024;

    private final BoundedPlaces<String> draining;
    private final long drainNanos;
    private final long drainBytes;

    RefusedBodyDrain(WebLimitsProperties web) {
        this.draining = new BoundedPlaces<>(web.refusedBodyDrainsPerAddress(), web.refusedBodyDrains());
        this.drainNanos = web.refusedBodyDrainTime().toNanos();
        this.drainBytes = web.refusedBodyDrain().toBytes();
    }

    int drainingFor(String address) {
        return draining.heldBy(address);
    }

    /**
     * What has arrived of the rest of the body is read first, and when that is all of it the connection is kept:
     * Tomcat closes it after an answer sent while any of the body is unread (a swallow size of 0), and a small body
     * usually comes with its headers. Otherwise the answer is sent, with {@code Connection: close}, then the rest read
     * and dropped: to its end when it arrives quickly, so that a client that writes its whole request before it
     * reads gets the answer rather than a reset; not a slow or huge one.
     */
    void answerAndDrain(HttpServletRequest request, HttpServletResponse response,
                        ContentCachingResponseWrapper held, String address) throws IOException {
        ServletInputStream body = unreadBody(request);
        boolean waitsForGoAhead = body != null && request.getHeader(HttpHeaders.EXPECT) != null;
        if (body != null && !waitsForGoAhead && readWhatHasArrived(body)) {
            body = null;
        }
        if (held != null) {
            held.copyBodyToResponse(); // with its Content-Length, unless already streamed; this sends it
        }
        if (body == null) {
            return;
        }
        if (waitsForGoAhead) {
            // the client waits for a go-ahead before it sends the body: reading would ask it for the body in vain
            closeAfterTheAnswer(response);
            return;
        }
        boolean bounded = address != null;
        if (bounded && !draining.tryTake(address)) {
            // a body that stops coming holds its drain's thread until the read timeout, 10 s: invalid tokens from
            // two addresses held every place with a body that way, within their rate, and commands were 503
            closeAfterTheAnswer(response);
            return;
        }
        try {
            drain(body, response);
        } finally {
            if (bounded) {
                draining.give(address);
            }
        }
    }

    /** The body's stream when some of a command's body is still unread, else null. */
    private static ServletInputStream unreadBody(HttpServletRequest request) throws IOException {
        if (!SlowClientsFilter.commandWithBody(request)) {
            // a read's body, nobody asked for: its answer is sent whole and the connection closed (UnreadBodyValve).
            // Drained, a body that never came held the thread 10 s, and Tomcat's read timeout appended an error
            // page to the answer already sent (a probe's finding)
            return null;
        }
        try {
            ServletInputStream body = request.getInputStream();
            return body.isFinished() ? null : body;
        } catch (IllegalStateException readThroughAReader) {
            return null;
        }
    }

    /** True when that was the whole body; a read here never waits for the client (it takes only buffered bytes). */
    private boolean readWhatHasArrived(ServletInputStream body) {
        byte[] scratch = new byte[8 * 1024];
        long read = 0;
        try {
            while (!body.isFinished() && read <= drainBytes && body.available() > 0) {
                int n = body.read(scratch, 0, Math.min(scratch.length, body.available()));
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return body.isFinished();
        } catch (IOException | IllegalStateException clientGoneOrMalformed) {
            return false;
        }
    }

    private void drain(ServletInputStream body, HttpServletResponse response) throws IOException {
        // the answer goes out first, whatever the rest of the body then does: a read that times out while it is
        // drained must not turn it into Tomcat's 408
        response.flushBuffer();
        long started = System.nanoTime();
        long drained = 0;
        byte[] scratch = new byte[64 * 1024];
        try {
            while (drained <= drainBytes && keepsComing(drained, System.nanoTime() - started)) {
                int n = body.read(scratch);
                if (n < 0) {
                    return;
                }
                drained += n;
            }
        } catch (IOException | IllegalStateException clientGoneOrMalformed) {
            // nothing more to read (Tomcat refuses a body's ninth trailer field with an IllegalStateException)
        }
        // what is left is not read: Tomcat closes the connection after the answer (TomcatConfig)
    }

    /** What is left of the body is not read: the answer goes out now, and the connection is closed after it. */
    private static void closeAfterTheAnswer(HttpServletResponse response) throws IOException {
        if (!response.isCommitted()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        response.flushBuffer();
    }

    private boolean keepsComing(long drained, long elapsedNanos) {
        return elapsedNanos < drainNanos || drained >= MIN_DRAIN_RATE * elapsedNanos / 1_000_000_000L;
    }
}
