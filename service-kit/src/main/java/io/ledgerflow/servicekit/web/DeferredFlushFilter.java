package io.ledgerflow.servicekit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Holds back the flushes of a response until the request completes. Spring's JSON converter flushes the body it
 * wrote, which commits the response without a length: Tomcat then sends it chunked, in one write for the headers and
 * body and a second for the last chunk. Unflushed, a body that fits Tomcat's buffer is sent once, with
 * {@code Content-Length}, when the request completes; a larger one is still streamed as the buffer fills. Once the
 * request went asynchronous (a live stream), every flush goes through at once.
 */
public class DeferredFlushFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new DeferredFlushResponse(request, response));
    }

    static final class DeferredFlushResponse extends HttpServletResponseWrapper {

        private final HttpServletRequest request;
        private ServletOutputStream stream;

        DeferredFlushResponse(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            ServletOutputStream target = super.getOutputStream();
            if (stream == null) {
                stream = new DeferredFlushStream(target);
            }
            return stream;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (request.isAsyncStarted()) {
                super.flushBuffer();
            }
        }

        private final class DeferredFlushStream extends ServletOutputStream {

            private final ServletOutputStream target;

            DeferredFlushStream(ServletOutputStream target) {
                this.target = target;
            }

            @Override
            public void write(int b) throws IOException {
                target.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                target.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                if (request.isAsyncStarted()) {
                    target.flush();
                }
            }

            @Override
            public void close() throws IOException {
                target.close();
            }

            @Override
            public boolean isReady() {
                return target.isReady();
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                target.setWriteListener(listener);
            }
        }
    }
}
