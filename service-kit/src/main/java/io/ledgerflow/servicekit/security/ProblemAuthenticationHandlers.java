package io.ledgerflow.servicekit.security;

import io.ledgerflow.servicekit.ratelimit.RateLimitFilter;
import io.ledgerflow.servicekit.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import java.io.IOException;

/**
 * 401 and 403 as problem+json, keeping the {@code WWW-Authenticate: Bearer …} header RFC 6750 asks for; 503 when a
 * token could not be checked at all (the issuer's signing keys could not be fetched), which is not the caller's fault.
 * A refused token counts against the anonymous limit of its address, as a request without one does: the rate limit
 * after authentication never sees it, and a forged token costs a signature check.
 */
public class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler,
        AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationHandlers.class);

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ProblemWriter problems;
    private final RateLimitFilter rateLimits;

    public ProblemAuthenticationHandlers(ProblemWriter problems, RateLimitFilter rateLimits) {
        this.problems = problems;
        this.rateLimits = rateLimits;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearer.commence(request, response, e);
        problems.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                "a valid bearer token is required: " + e.getMessage());
    }

    /** A bearer token that failed: 401 when it is bad, 503 when it could not be checked. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        if (e instanceof AuthenticationServiceException) {
            log.warn("a bearer token could not be checked: {}", e.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "the token could not be checked now (the issuer's signing keys are out of reach); retry later");
            return;
        }
        if (rateLimits.admitAnonymous(request, response)) {
            commence(request, response, e);
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        problems.write(response, HttpStatus.FORBIDDEN, "FORBIDDEN", "your role does not allow this request");
    }
}
