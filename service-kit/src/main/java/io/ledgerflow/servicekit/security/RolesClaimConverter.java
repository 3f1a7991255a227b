package io.ledgerflow.servicekit.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads roles from a claim, following a dotted path into nested objects; a list or a space-separated string. */
public class RolesClaimConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String[] path;

    public RolesClaimConverter(String claim) {
        this.path = claim.split("\\.");
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String key : path) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        List<String> roles = value instanceof Collection<?> list ? list.stream().map(String::valueOf).toList()
                : value instanceof String text ? Arrays.asList(text.trim().split("\\s+")) : List.of();
        return roles.stream().filter(role -> !role.isBlank())
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }
}
