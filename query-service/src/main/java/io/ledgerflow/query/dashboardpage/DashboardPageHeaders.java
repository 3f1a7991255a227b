package io.ledgerflow.query.dashboardpage;

import io.ledgerflow.servicekit.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A page that holds a bearer token runs only its own scripts: no inline script, no third-party origin, no
 * framing, and it talks to no one but this service and the authorization server. The authorization code
 * arrives in the page's URL, so no referrer leaves the page either.
 */
@Component
class DashboardPageHeaders extends OncePerRequestFilter {

    private final String contentSecurityPolicy;

    DashboardPageHeaders(DashboardPageProperties properties) {
        this.contentSecurityPolicy = String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src 'self' " + properties.issuerOrigin(),
                "form-action 'none'",
                "frame-ancestors 'none'",
                "base-uri 'none'");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return !(path.equals("/dashboard") || path.startsWith(DashboardPageController.PATH));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        chain.doFilter(request, response);
    }
}
