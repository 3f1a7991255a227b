package io.ledgerflow.servicekit.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.IOException;

/**
 * A request body's stream that a filter watches as it is read: {@link #beforeRead} may refuse a read, {@link
 * #afterRead} hears how many bytes one gave (0 at the end of the body), and {@link #readFailed} what a failed one
 * threw (and throws what the reader gets instead). The rest is the container's stream's.
 */
public abstract class WatchedBodyStream extends ServletInputStream {

    private final ServletInputStream delegate;

    protected WatchedBodyStream(ServletInputStream delegate) {
        this.delegate = delegate;
    }

    protected void beforeRead() throws IOException {
    }

    protected void afterRead(int bytes) throws IOException {
    }

    protected IOException readFailed(IOException failure) {
        return failure;
    }

    @Override
    public int read() throws IOException {
        beforeRead();
        int b;
        try {
            b = delegate.read();
        } catch (IOException e) {
            throw readFailed(e);
        } catch (IllegalStateException e) {
            throw readFailed(malformed(e));
        }
        afterRead(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        beforeRead();
        int n;
        try {
            n = delegate.read(buffer, offset, length);
        } catch (IOException e) {
            throw readFailed(e);
        } catch (IllegalStateException e) {
            throw readFailed(malformed(e));
        }
        afterRead(Math.max(n, 0));
        return n;
    }

    /**
     * Tomcat reports a chunked body with more trailer fields than it takes as an {@link IllegalStateException}, where
     * it reports other malformed bodies as an {@link IOException}: it reached the handler as a 500.
     */
    private static IOException malformed(IllegalStateException failure) {
        return new IOException("the request body is malformed: " + failure.getMessage(), failure);
    }

    @Override
    public boolean isFinished() {
        return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        delegate.setReadListener(listener);
    }
}
