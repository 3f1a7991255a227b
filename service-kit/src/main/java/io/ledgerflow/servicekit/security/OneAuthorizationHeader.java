package io.ledgerflow.servicekit.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

import java.util.Enumeration;

/**
 * Refuses a request that carries more than one {@code Authorization} header, then resolves the token as
 * {@code resolver} does. The header is not a list: with two, the servlet API hands over the first, and a proxy that
 * authorized on the last would have let this service act for another identity than the one it checked. The refusal
 * is an authentication failure, answered 401 like any other credential that cannot be used.
 */
final class OneAuthorizationHeader implements BearerTokenResolver {

    private final BearerTokenResolver resolver;

    OneAuthorizationHeader(BearerTokenResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.AUTHORIZATION);
        if (values != null && values.hasMoreElements()) {
            values.nextElement();
            if (values.hasMoreElements()) {
                throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(
                        "the request carries more than one Authorization header; send exactly one"));
            }
        }
        return resolver.resolve(request);
    }
}
