package io.ledgerflow.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A failed sign-in costs the server what a good one does (the secret's hash), and nothing limited them: a probe's
 * flood of wrong client secrets over 16 connections made every client's token 10 to 20 times slower, and guessing
 * was unlimited. Each client address may fail {@code capacity} times at once and {@code perSecond} times a second
 * after that, at the token, introspection and revocation endpoints (a client's secret) and the login form (a
 * person's password); past that its next attempt is 429 with {@code Retry-After}, checked before any hashing.
 * Successful sign-ins take nothing, so a client that knows its secret is never slowed.
 */
final class FailedSignInLimit extends OncePerRequestFilter {

    private static final int MAX_ADDRESSES = 100_000;

    static final Set<String> PATHS = Set.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke", "/login");

    private final long capacity;
    private final long perSecond;
    private final Map<String, Bucket> failures = new ConcurrentHashMap<>();

    FailedSignInLimit(long capacity, long perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (failures.size() > MAX_ADDRESSES) {
            failures.clear(); // many addresses (an IPv6 sweep) must not grow the map without end; all start afresh
        }
        Bucket bucket = failures.computeIfAbsent(request.getRemoteAddr(), address -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        long waitNanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        if (waitNanos > 0) {
            refuse(response, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1));
            return;
        }
        chain.doFilter(request, response);
        if (failed(request, response)) {
            bucket.tryConsume(1);
        }
    }

    /** The endpoints answer a wrong secret 401 (or 400 invalid_client); the login form sends the person back to it. */
    private static boolean failed(HttpServletRequest request, HttpServletResponse response) {
        if (request.getRequestURI().endsWith("/login")) {
            String location = response.getHeader(HttpHeaders.LOCATION);
            return location != null && location.contains("/login?error");
        }
        return response.getStatus() == HttpStatus.UNAUTHORIZED.value();
    }

    private static void refuse(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(("{\"error\":\"temporarily_unavailable\",\"error_description\":\"too many"
                + " failed sign-ins from this address; retry after " + retryAfterSeconds + " s\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
