package io.ledgerflow.servicekit.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request's path as the servlet container decoded and normalised it: the path Spring Security's rules and Spring
 * MVC's mappings match. {@code getRequestURI()} keeps the client's percent-encodings, so a filter that decides by it
 * sees {@code /%61pi/v1/transfers} where the rules and the handler see {@code /api/v1/transfers}.
 */
public final class RequestPaths {

    public static final String API = "/api/";

    private RequestPaths() {
    }

    public static String of(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }

    public static boolean isApi(HttpServletRequest request) {
        return of(request).startsWith(API);
    }
}
