package io.ledgerflow.auth;

import java.util.List;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** A registered client's Ledgerflow roles, kept in its client settings. */
final class ClientRoles {

    static final String SETTING = "ledgerflow.roles";

    private ClientRoles() {
    }

    static List<String> of(RegisteredClient client) {
        List<String> roles = client.getClientSettings().getSetting(SETTING);
        return roles == null ? List.of() : roles;
    }
}
