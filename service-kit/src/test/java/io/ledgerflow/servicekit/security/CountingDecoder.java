package io.ledgerflow.servicekit.security;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the verifying decoder: knows some tokens, rejects every other one, counts the calls per token. */
final class CountingDecoder implements JwtDecoder {

    private final Map<String, Jwt> valid = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    CountingDecoder accepting(Jwt jwt) {
        valid.put(jwt.getTokenValue(), jwt);
        return this;
    }

    int calls(String token) {
        AtomicInteger count = calls.get(token);
        return count == null ? 0 : count.get();
    }

    @Override
    public Jwt decode(String token) {
        calls.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
        Jwt jwt = valid.get(token);
        if (jwt == null) {
            throw new BadJwtException("An error occurred while attempting to decode the Jwt: Signed JWT rejected: Invalid signature");
        }
        return jwt;
    }
}
