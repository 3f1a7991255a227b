package io.ledgerflow.benchmarks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where the load goes: the running stack's command-service, query-service and token endpoint, from system
 * properties ({@code ledgerflow.command.url}, {@code ledgerflow.query.url}, {@code ledgerflow.token.url}).
 * <p>
 * Load is only ever sent to this machine: a URL whose host does not resolve to loopback addresses only is refused.
 */
public record Targets(URI command, URI query, URI token) {

    public static final String COMMAND_URL = "ledgerflow.command.url";
    public static final String QUERY_URL = "ledgerflow.query.url";
    public static final String TOKEN_URL = "ledgerflow.token.url";

    public static Targets fromSystemProperties() {
        return new Targets(
                loopback(COMMAND_URL, "http://localhost:8081"),
                loopback(QUERY_URL, "http://localhost:8082"),
                loopback(TOKEN_URL, "http://localhost:9000/oauth2/token"));
    }

    /** The URL as Gatling's {@code baseUrl} wants it: no trailing slash. */
    public static String base(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    static URI loopback(String property, String defaultValue) {
        URI uri = URI.create(System.getProperty(property, defaultValue));
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(property + " must be an http(s) URL: " + uri);
        }
        requireLoopback(property, uri.getHost());
        return uri;
    }

    static void requireLoopback(String property, String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException(property + ": " + host + " resolves to " + address.getHostAddress()
                            + "; benchmarks only send traffic to loopback addresses (localhost, 127.0.0.0/8, [::1])");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(property + ": unknown host " + host, e);
        }
    }
}
