package io.ledgerflow.query.dashboardpage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * {@code ledgerflow.dashboard.*}: where the dashboard page sends a person to sign in.
 *
 * @param issuer   the authorization server as the browser reaches it (its authorize and token endpoints are
 *                 {@code <issuer>/oauth2/authorize} and {@code <issuer>/oauth2/token}); may differ from the issuer the
 *                 service validates when the service reaches it under another name (docker compose)
 * @param clientId the page's public client at the authorization server
 */
@ConfigurationProperties("ledgerflow.dashboard")
public record DashboardPageProperties(@DefaultValue("http://localhost:9000") String issuer,
                                      @DefaultValue("dashboard") String clientId) {

    public DashboardPageProperties {
        URI parsed = URI.create(issuer.replaceAll("/+$", ""));
        if (parsed.getScheme() == null || parsed.getRawAuthority() == null) {
            throw new IllegalArgumentException("ledgerflow.dashboard.issuer must be an absolute URL: " + issuer);
        }
        issuer = parsed.toString();
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("ledgerflow.dashboard.client-id must be set");
        }
    }

    public String authorizationEndpoint() {
        return issuer + "/oauth2/authorize";
    }

    public String tokenEndpoint() {
        return issuer + "/oauth2/token";
    }

    /** Scheme, host and port of the authorization server: the one other origin the page talks to. */
    public String issuerOrigin() {
        URI parsed = URI.create(issuer);
        return parsed.getScheme() + "://" + parsed.getRawAuthority();
    }
}
