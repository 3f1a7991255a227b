package io.ledgerflow.servicekit.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's access policy: which role may call which endpoint (the role table of docs/api.md). Anything the policy
 * does not name needs an authenticated caller; ownership is checked by the service itself.
 */
@FunctionalInterface
public interface EndpointPolicy {

    void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints);
}
