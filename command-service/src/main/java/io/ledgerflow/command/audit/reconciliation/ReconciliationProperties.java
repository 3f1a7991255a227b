package io.ledgerflow.command.audit.reconciliation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * How the command-service reads the projections it reconciles: from the query-service's account list, as a client
 * of the authorization server of its own (client credentials, a client with role {@code viewer}).
 *
 * @param queryServiceUrl the query-service's base URL
 * @param clientId        the command-service's client at the authorization server
 * @param clientSecret    its secret
 * @param tokenUri        the token endpoint; {@code <ledgerflow.security.issuer>/oauth2/token} when empty
 * @param pageSize        accounts asked for per page (the query-service allows 1 to 500)
 * @param connectTimeout  to connect to the query-service or the token endpoint
 * @param readTimeout     to wait for one page or one token
 */
@ConfigurationProperties("ledgerflow.audit.reconciliation")
public record ReconciliationProperties(@DefaultValue("http://localhost:8082") URI queryServiceUrl,
                                       @DefaultValue("reconciler") String clientId,
                                       @DefaultValue("reconciler-secret") String clientSecret,
                                       URI tokenUri,
                                       @DefaultValue("500") int pageSize,
                                       @DefaultValue("2s") Duration connectTimeout,
                                       @DefaultValue("30s") Duration readTimeout) {

    public ReconciliationProperties {
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("ledgerflow.audit.reconciliation.page-size must be 1 to 500: " + pageSize);
        }
    }

    /** The configured token endpoint, or the issuer's. */
    URI effectiveTokenUri(String issuer) {
        return tokenUri != null && !tokenUri.toString().isBlank() ? tokenUri : URI.create(issuer.replaceAll("/+$", "") + "/oauth2/token");
    }
}
