package io.ledgerflow.servicekit.web;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;
import java.util.function.UnaryOperator;

/** A request whose body is read through a {@link WatchedBodyStream}, made on the first read. */
public final class WatchedBodyRequest extends HttpServletRequestWrapper {

    private final UnaryOperator<ServletInputStream> watch;
    private ServletInputStream stream;

    public WatchedBodyRequest(HttpServletRequest request, UnaryOperator<ServletInputStream> watch) {
        super(request);
        this.watch = watch;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = watch.apply(super.getInputStream());
        }
        return stream;
    }
}
