package io.ledgerflow.command.security;

import io.ledgerflow.servicekit.security.EndpointPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static io.ledgerflow.servicekit.security.Roles.ADMIN;
import static io.ledgerflow.servicekit.security.Roles.AUDITOR;
import static io.ledgerflow.servicekit.security.Roles.CLIENT;
import static io.ledgerflow.servicekit.security.Roles.OPERATOR;

/** The role table of docs/api.md for the command side. Ownership of accounts is checked by the command handlers. */
@Configuration
public class CommandEndpointPolicy {

    @Bean
    EndpointPolicy commandEndpoints() {
        return endpoints -> endpoints
                .requestMatchers(HttpMethod.POST, "/api/v1/accounts").hasAnyRole(CLIENT, OPERATOR)
                // money crosses the ledger's boundary here: payment gateways and back office only
                .requestMatchers(HttpMethod.POST, "/api/v1/accounts/*/deposits", "/api/v1/accounts/*/withdrawals")
                .hasRole(OPERATOR)
                .requestMatchers(HttpMethod.POST, "/api/v1/accounts/*/freeze", "/api/v1/accounts/*/unfreeze",
                        "/api/v1/accounts/*/close", "/api/v1/accounts/*/reopen").hasRole(OPERATOR)
                .requestMatchers(HttpMethod.PUT, "/api/v1/accounts/*/overdraft-limit").hasRole(OPERATOR)
                .requestMatchers(HttpMethod.POST, "/api/v1/transfers", "/api/v1/transfers/**").hasAnyRole(CLIENT, OPERATOR)
                .requestMatchers("/api/v1/audit/**").hasRole(AUDITOR)
                .requestMatchers("/actuator/**").hasRole(ADMIN);
    }
}
