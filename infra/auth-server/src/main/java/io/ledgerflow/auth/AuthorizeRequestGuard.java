package io.ledgerflow.auth;

import java.io.IOException;
import java.util.Arrays;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /oauth2/authorize} never redirects to a URI that its client did not register, errors included. Spring
 * Authorization Server answers a client without the authorization-code grant (every client-credentials client) by
 * redirecting its {@code unauthorized_client} error to whatever {@code redirect_uri} the request names, unchecked:
 * an open redirect on the sign-in origin (RFC 6749 §4.1.2.1: the server must not redirect to an invalid URI). Such
 * a request, one for an unknown client, and one naming a URI its client did not register are refused here with 400,
 * before the endpoint sees them.
 */
final class AuthorizeRequestGuard extends OncePerRequestFilter {

    static final String AUTHORIZE_PATH = "/oauth2/authorize";

    private final RegisteredClientRepository clients;

    AuthorizeRequestGuard(RegisteredClientRepository clients) {
        this.clients = clients;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AUTHORIZE_PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (mayRedirect(request)) {
            chain.doFilter(request, response);
        } else {
            response.sendError(HttpStatus.BAD_REQUEST.value(), "invalid_request");
        }
    }

    private boolean mayRedirect(HttpServletRequest request) {
        String[] clientIds = request.getParameterValues("client_id");
        if (clientIds == null || clientIds.length != 1) {
            return false;
        }
        RegisteredClient client = clients.findByClientId(clientIds[0]);
        if (client == null || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE)) {
            return false;
        }
        String[] redirectUris = request.getParameterValues("redirect_uri");
        return redirectUris == null || Arrays.stream(redirectUris).allMatch(client.getRedirectUris()::contains);
    }
}
