package io.ledgerflow.servicekit.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

/**
 * The address a request came from. {@code X-Forwarded-For} is anyone's to write, so it is read only when the
 * connection comes from a configured trusted proxy: then the client is the right-most address in it that is not
 * itself a trusted proxy (the entries to its left were written by the client and prove nothing).
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServletRequest request, List<String> trustedProxies) {
        String peer = request.getRemoteAddr();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
