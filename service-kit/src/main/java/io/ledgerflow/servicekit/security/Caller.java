package io.ledgerflow.servicekit.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Who is calling: the token's subject, the OAuth2 client it used, and its roles. */
public record Caller(String subject, String clientId, Set<String> roles) {

    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        Set<String> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toUnmodifiableSet());
        String clientId = token.getToken().getClaimAsString("client_id");
        return Optional.of(new Caller(token.getName(), clientId == null ? token.getName() : clientId, roles));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
