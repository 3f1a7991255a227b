package io.ledgerflow.servicekit.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address a request came from, as a rate-limit bucket names it. {@code X-Forwarded-For} is anyone's to write, so
 * it is read only when the connection comes from a configured trusted proxy: then the client is the right-most
 * address in it that is not itself a trusted proxy (the entries to its left were written by the client and prove
 * nothing).
 * <p>
 * An IPv6 client is its /64 network: a single host is usually given a whole /64 and may pick any of its 2^64
 * addresses for each request, so a bucket per address would limit nothing. An IPv4-mapped IPv6 address is its IPv4
 * address, and IPv6 addresses compare in any of their textual forms ({@code ::1} is {@code 0:0:0:0:0:0:0:1}), trusted
 * proxies included, and without the port some proxies add.
 */
final class ClientAddress {

    private static final int IPV6_NETWORK_BYTES = 8;

    private ClientAddress() {
    }

    /** @param trusted the trusted proxies, each {@link #canonical} */
    static String of(HttpServletRequest request, List<String> trusted) {
        String peer = canonical(request.getRemoteAddr());
        if (!trusted.contains(peer)) {
            return bucketOf(peer);
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return bucketOf(peer);
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = canonical(hops[i].trim());
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return bucketOf(hop);
            }
        }
        return bucketOf(peer);
    }

    /** An IPv6 address's /64 network, written {@code <first four groups>::/64}; anything else as it is. */
    static String bucketOf(String address) {
        InetAddress parsed = ipv6Literal(address);
        if (!(parsed instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < IPV6_NETWORK_BYTES; i += 2) {
            network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return network.append(":/64").toString();
    }

    /**
     * One spelling per address: without a port ({@code [2001:db8::1]:443}, {@code 203.0.113.7:443}, as some proxies
     * write them), IPv6 in Java's full form without zone, IPv4-mapped as IPv4; anything else as written.
     */
    static String canonical(String address) {
        String withoutPort = withoutPort(address);
        InetAddress parsed = ipv6Literal(withoutPort);
        return parsed == null ? withoutPort : parsed.getHostAddress();
    }

    private static String withoutPort(String address) {
        int close = address.indexOf("]:");
        if (address.startsWith("[") && close > 0 && isPort(address.substring(close + 2))) {
            return address.substring(0, close + 1);
        }
        int colon = address.indexOf(':');
        if (colon > 0 && colon == address.lastIndexOf(':') && isPort(address.substring(colon + 1))
                && address.substring(0, colon).chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return address.substring(0, colon); // an IPv4 address and a port: IPv6 has at least two colons
        }
        return address;
    }

    private static boolean isPort(String text) {
        return !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isLiteralCharacter(int c) {
        return c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * The address when {@code text} is an IPv6 literal (optionally in brackets, with a zone), never looked up in DNS:
     * only hex digits, colons and dots get as far as {@link InetAddress#getByName}, which parses those as a literal.
     */
    private static InetAddress ipv6Literal(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        // Java parses a literal only when it starts with a hex digit or a colon; anything else it would look up
        if (literal.indexOf(':') < 0 || !literal.chars().allMatch(ClientAddress::isLiteralCharacter)
                || literal.charAt(0) == '.') {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }
}
