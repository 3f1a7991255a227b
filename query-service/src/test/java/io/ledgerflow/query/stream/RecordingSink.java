package io.ledgerflow.query.stream;

import io.ledgerflow.query.support.SseFrame;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A client in a unit test: records what it is sent. A stalled one takes its opening and then never reads again, as
 * a client whose TCP window stays full: its next write blocks until the writer is interrupted.
 */
final class RecordingSink implements StreamSink {

    private final boolean stalled;
    private volatile boolean failsToComplete;
    private final StringBuffer text = new StringBuffer();
    private final CountDownLatch completed = new CountDownLatch(1);
    private volatile boolean blocked;

    private RecordingSink(boolean stalled) {
        this.stalled = stalled;
    }

    static RecordingSink reading() {
        return new RecordingSink(false);
    }

    static RecordingSink stalled() {
        return new RecordingSink(true);
    }

    @Override
    public void send(String more) throws IOException {
        if (stalled && !text.isEmpty()) {
            blocked = true;
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException("the writer was interrupted");
            } finally {
                blocked = false;
            }
        }
        text.append(more);
    }

    /** Completing throws, as an emitter whose request already failed does. */
    RecordingSink failingToComplete() {
        failsToComplete = true;
        return this;
    }

    @Override
    public void complete() {
        completed.countDown();
        if (failsToComplete) {
            throw new IllegalStateException("the request already ended in an error");
        }
    }

    boolean isCompleted() {
        return completed.getCount() == 0;
    }

    boolean isBlocked() {
        return blocked;
    }

    String text() {
        return text.toString();
    }

    List<SseFrame> frames() {
        return SseFrame.parse(text());
    }

    List<SseFrame> events() {
        return frames().stream().filter(SseFrame::isEvent).toList();
    }
}
