package io.ledgerflow.servicekit.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Marks a request that Spring MVC refused for its path, method or media types (404 for an unknown path, 405, 406,
 * 415): no command or action answered it, so an {@code Idempotency-Key} must not keep that answer, and the corrected
 * retry with the same key executes.
 */
public final class RefusedBeforeTheHandler {

    private static final String ATTRIBUTE = RefusedBeforeTheHandler.class.getName();

    private RefusedBeforeTheHandler() {
    }

    static boolean isSuch(Exception e) {
        return e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException
                || e instanceof HttpRequestMethodNotSupportedException
                || e instanceof HttpMediaTypeNotSupportedException || e instanceof HttpMediaTypeNotAcceptableException;
    }

    static void mark(WebRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
    }

    public static boolean isMarked(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) != null;
    }
}
