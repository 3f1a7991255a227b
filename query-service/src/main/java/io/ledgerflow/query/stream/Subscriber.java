package io.ledgerflow.query.stream;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One client of the stream, served by a thread of its own: it reads the ring from its cursor and writes what its
 * filter lets through, so that a client that reads slowly holds up only this thread. Silence longer than the
 * heartbeat is broken by a comment.
 */
final class Subscriber implements Runnable {

    /** The most events copied from the ring and written at once. */
    static final int CHUNK = 256;
    static final String HEARTBEAT = ": keep-alive\n\n";
    /**
     * Between a probe's two writes: the first one to a connection its client closed is taken by the kernel, and the
     * client's answer to it (a reset) makes the second one fail.
     */
    static final long PROBE_GAP_MILLIS = 100;

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

    private enum State { OPEN, DROPPED, CLOSED }

    private final EventRing ring;
    private final StreamFilter filter;
    private final EventRing.Resume resume;
    private final StreamSink sink;
    private final long heartbeatNanos;
    private final long retryMillis;
    private final Counter dropped;
    private final Consumer<Subscriber> onEnd;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final AtomicBoolean probed = new AtomicBoolean();
    /** The sequence of the last event written to the client or skipped by its filter. */
    private volatile long sent;
    private Thread runner;

    Subscriber(EventRing ring, StreamFilter filter, EventRing.Resume resume, StreamSink sink,
               StreamProperties properties, Counter dropped, Consumer<Subscriber> onEnd) {
        this.ring = ring;
        this.filter = filter;
        this.resume = resume;
        this.sink = sink;
        this.heartbeatNanos = properties.heartbeat().toNanos();
        this.retryMillis = properties.retry().toMillis();
        this.dropped = dropped;
        this.onEnd = onEnd;
        this.sent = resume.after();
    }

    long sent() {
        return sent;
    }

    /** The client read too slowly: it is let go (counted), whatever its thread is doing. */
    void drop() {
        if (state.compareAndSet(State.OPEN, State.DROPPED)) {
            dropped.increment();
            log.info("Dropping a live stream subscriber {} events behind", ring.backlog(sent));
            interrupt();
        }
    }

    /**
     * Asks this subscriber's thread to write to its client now, twice: a client that closed its connection is found
     * only by a write that fails ({@link CallerStreams}). A subscriber busy writing does so after that write.
     */
    void probe() {
        if (isOpen() && probed.compareAndSet(false, true)) {
            ring.wakeReaders();
        }
    }

    /** The client left or the service stops. */
    void close() {
        if (state.compareAndSet(State.OPEN, State.CLOSED)) {
            interrupt();
        }
    }

    boolean isOpen() {
        return state.get() == State.OPEN;
    }

    /**
     * Sends the opening on the caller's thread, then serves the subscription on {@code thread}. Called on the
     * request's thread before the handler returns, the opening is the response's first write and commits it there:
     * the container and the filters are still at the response's headers, so they must not be written from another
     * thread meanwhile (Tomcat's headers are not thread-safe).
     */
    void start(Thread thread) {
        try {
            sink.send(opening(resume.after()));
            synchronized (this) {
                runner = thread;
            }
            thread.start();
        } catch (IOException e) {
            end();
        } catch (RuntimeException | Error e) {
            // a response already completed, or no thread to be had: give back the place and the ring's reader
            synchronized (this) {
                runner = null;
            }
            end();
            throw e;
        }
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (IOException | InterruptedException e) {
            // the client went away, or the subscription was ended: nothing more to send
        } catch (RuntimeException e) {
            log.warn("Live stream subscriber failed", e);
        } finally {
            synchronized (this) {
                runner = null;
            }
            Thread.interrupted();
            end();
        }
    }

    /** The place is given back even when completing the sink fails. */
    private void end() {
        state.compareAndSet(State.OPEN, State.CLOSED);
        try {
            sink.complete();
        } catch (RuntimeException e) {
            log.warn("Live stream subscriber could not complete its stream", e);
        }
        onEnd.accept(this);
    }

    private void serve() throws IOException, InterruptedException {
        long after = resume.after();
        long lastWrite = System.nanoTime();
        while (isOpen()) {
            if (probed.get()) {
                sink.send(HEARTBEAT);
                Thread.sleep(PROBE_GAP_MILLIS);
                sink.send(HEARTBEAT);
                lastWrite = System.nanoTime();
                probed.set(false);
                continue;
            }
            long quiet = heartbeatNanos - (System.nanoTime() - lastWrite);
            if (quiet <= 0) {
                sink.send(HEARTBEAT);
                lastWrite = System.nanoTime();
                continue;
            }
            EventRing.Read read = ring.read(after, CHUNK, quiet);
            if (read.lost()) {
                drop();
                return;
            }
            if (read.events().isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (StreamEvent event : read.events()) {
                if (filter.matches(event)) {
                    text.append(event.text());
                }
            }
            if (!text.isEmpty() && isOpen()) {
                sink.send(text.toString());
                lastWrite = System.nanoTime();
            }
            after = read.events().get(read.events().size() - 1).sequence();
            sent = after;
        }
    }

    /**
     * The reconnection delay and the id of the point the stream starts from, so that a client that has seen no
     * event yet still resumes without a gap; then the reset, if the client's {@code Last-Event-ID} could not be
     * resumed from. No data, so no event: nothing for a client to handle but the reset.
     */
    private String opening(long after) {
        String opening = "retry: " + retryMillis + "\nid: " + ring.idOf(after) + "\n";
        if (resume.resetReason() != null) {
            opening += "event: reset\ndata: {\"reason\":\"" + resume.resetReason() + "\"}\n";
        }
        return opening + "\n";
    }

    private synchronized void interrupt() {
        if (runner != null) {
            runner.interrupt();
        }
    }
}
