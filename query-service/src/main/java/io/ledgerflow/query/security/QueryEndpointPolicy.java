package io.ledgerflow.query.security;

import io.ledgerflow.servicekit.security.EndpointPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.ledgerflow.servicekit.security.Roles.ADMIN;
import static io.ledgerflow.servicekit.security.Roles.CLIENT;
import static io.ledgerflow.servicekit.security.Roles.OPERATOR;
import static io.ledgerflow.servicekit.security.Roles.VIEWER;

/**
 * The role table of docs/api.md for the read side; which accounts a client may read is {@link ReadScope}'s part.
 * Paths are matched for every method, not just GET: the read API has no other, and a HEAD (served by the
 * GET handler) must not let a role without read access learn an account's version from its ETag.
 */
@Configuration
public class QueryEndpointPolicy {

    @Bean
    EndpointPolicy queryEndpoints() {
        return endpoints -> endpoints
                // the dashboard page's files and its chart library: public like any web page; the data it shows
                // comes from the API below, with the signed-in person's token
                .requestMatchers("/dashboard", "/dashboard/**", "/webjars/uplot/**").permitAll()
                .requestMatchers("/api/v1/accounts", "/api/v1/accounts/**", "/api/v1/transfers",
                        "/api/v1/transfers/**").hasAnyRole(CLIENT, OPERATOR, VIEWER)
                .requestMatchers("/api/v1/dashboard/**", "/api/v1/stream").hasAnyRole(VIEWER, OPERATOR)
                // the viewer reads every projection, their status included; rebuilds and dead letters are the admin's
                .requestMatchers("/api/v1/admin/projections").hasAnyRole(ADMIN, VIEWER)
                .requestMatchers("/api/v1/admin/**").hasRole(ADMIN)
                .requestMatchers("/actuator/**").hasRole(ADMIN);
    }
}
