package io.ledgerflow.servicekit.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The methods a path answers, as Spring MVC's own 405 names them in its {@code Allow}: for a request refused before
 * Spring MVC saw it (the firewall refuses TRACE and made-up methods), which RFC 9110 still owes an {@code Allow}.
 * Asks every handler mapping with a method no mapping declares, so each path's mappings all miss on the method and
 * Spring MVC says which methods they declare.
 */
public final class SupportedMethods {

    /** A method token no mapping can declare (RequestMethod has no such constant), so every path misses on it. */
    private static final String NO_MAPPING_DECLARES = "LEDGERFLOW-PROBE";

    private final Supplier<HandlerMappingIntrospector> introspector;

    public SupportedMethods(Supplier<HandlerMappingIntrospector> introspector) {
        this.introspector = introspector;
    }

    /**
     * The {@code Allow} value of a 405 for this request's path, or empty when no endpoint has the path (a 404 then,
     * as for a method Spring MVC knows).
     */
    public Optional<String> allowFor(HttpServletRequest request) {
        HandlerMappingIntrospector mappings = introspector.get();
        if (mappings == null || mappings.getHandlerMappings() == null) {
            return Optional.empty();
        }
        String requestUri = requestUri(request);
        HttpServletRequest probe = new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return NO_MAPPING_DECLARES;
            }

            @Override
            public DispatcherType getDispatcherType() {
                return DispatcherType.REQUEST;
            }

            @Override
            public String getRequestURI() {
                return requestUri;
            }
        };
        Object previousPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(probe);
        try {
            for (HandlerMapping mapping : mappings.getHandlerMappings()) {
                Optional<Set<HttpMethod>> supported = supportedBy(mapping, probe);
                if (supported.isPresent()) {
                    return Optional.of(allowHeader(supported.get()));
                }
            }
            return Optional.empty();
        } finally {
            request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previousPath);
        }
    }

    /**
     * The path the client asked for: Tomcat refuses a TRACE itself and hands it to the error page, where the request
     * names the error page and keeps the client's path in an attribute.
     */
    public static String requestUri(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
            return original;
        }
        return request.getRequestURI();
    }

    /**
     * Only a mapping of endpoints misses on the method and says so; the static resources' catch-all mapping takes
     * every path and method, and Spring MVC answers 404 for a resource that is not there before it checks the method.
     */
    private static Optional<Set<HttpMethod>> supportedBy(HandlerMapping mapping, HttpServletRequest probe) {
        try {
            mapping.getHandler(probe);
            return Optional.empty();
        } catch (HttpRequestMethodNotSupportedException mismatch) {
            Set<HttpMethod> methods = mismatch.getSupportedHttpMethods();
            return methods == null || methods.isEmpty() ? Optional.empty() : Optional.of(methods);
        } catch (Exception other) {
            return Optional.empty();
        }
    }

    private static String allowHeader(Set<HttpMethod> methods) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAllow(methods);
        return headers.getFirst(HttpHeaders.ALLOW);
    }
}
