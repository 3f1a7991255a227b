package io.ledgerflow.auth;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledgerflow.auth.*}: who issues tokens, for which audience, with which key, to which clients.
 *
 * @param issuer        the {@code iss} of every token and the base of the metadata endpoints
 * @param audience      the {@code aud} of every access token
 * @param jwkFile       file holding the RSA signing key as a private JWK; created when missing; blank keeps
 *                      a generated key in memory only (tokens die with the process)
 * @param tokenLifetime access-token lifetime for clients that do not set their own
 * @param clients       the registered clients (client credentials grant only)
 * @param users         people who sign in on the login page (the dashboard's authorization code flow)
 * @param dashboard     the dashboard page: a public client using the authorization code grant with PKCE
 */
@ConfigurationProperties("ledgerflow.auth")
public record AuthProperties(
        String issuer,
        @DefaultValue("ledgerflow") String audience,
        String jwkFile,
        @DefaultValue("15m") Duration tokenLifetime,
        List<Client> clients,
        List<User> users,
        @DefaultValue Dashboard dashboard) {

    public AuthProperties {
        require(issuer, "ledgerflow.auth.issuer");
        require(audience, "ledgerflow.auth.audience");
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("ledgerflow.auth.token-lifetime must be positive: " + tokenLifetime);
        }
        clients = clients == null ? List.of() : List.copyOf(clients);
        users = users == null ? List.of() : List.copyOf(users);
        dashboard = dashboard == null ? new Dashboard(null, null) : dashboard;
        requireOneCallerPerName(clients, users);
    }

    /**
     * A client's tokens carry its id as {@code sub}, a signed-in user's their user name, and the services know a
     * caller by {@code sub} alone: a user and a client of one name are one caller, owning the same accounts. That
     * is allowed only with the same roles (the demo's {@code operator} and {@code viewer}: one identity, signing in
     * or running a program); with other roles it is a mistake that would hand one the other's accounts or rights.
     */
    private static void requireOneCallerPerName(List<Client> clients, List<User> users) {
        for (User user : users) {
            for (Client client : clients) {
                if (client.id().equals(user.username()) && !Set.copyOf(client.roles()).equals(Set.copyOf(user.roles()))) {
                    throw new IllegalArgumentException("user " + user.username() + " (roles " + user.roles()
                            + ") and client " + client.id() + " (roles " + client.roles() + ") would be one caller, sub "
                            + client.id() + ", with different roles: rename one, or give both the same roles");
                }
            }
        }
    }

    /**
     * @param id            the client id, also the token's {@code sub}
     * @param secret        plain text, or already encoded with a {@code {id}} prefix such as {@code {bcrypt}...}
     * @param roles         the token's {@code roles} claim
     * @param tokenLifetime this client's access-token lifetime; null means the global one
     */
    public record Client(String id, String secret, List<String> roles, Duration tokenLifetime) {

        public Client {
            require(id, "ledgerflow.auth.clients[].id");
            require(secret, "ledgerflow.auth.clients[].secret of client " + id);
            roles = roles == null ? List.of() : List.copyOf(roles);
            if (tokenLifetime != null && (tokenLifetime.isNegative() || tokenLifetime.isZero())) {
                throw new IllegalArgumentException("token-lifetime of client " + id + " must be positive: " + tokenLifetime);
            }
        }
    }

    /**
     * @param username the token's {@code sub}
     * @param password plain text, or already encoded with a {@code {id}} prefix such as {@code {bcrypt}...}
     * @param roles    the token's {@code roles} claim
     */
    public record User(String username, String password, List<String> roles) {

        public User {
            require(username, "ledgerflow.auth.users[].username");
            require(password, "ledgerflow.auth.users[].password of user " + username);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * @param clientId     the public client the dashboard page signs in with (no secret: PKCE proves the caller)
     * @param redirectUris where the page may receive its authorization code, exactly; their origins may call
     *                     the token endpoint from a browser (CORS)
     */
    public record Dashboard(@DefaultValue("dashboard") String clientId,
                            @DefaultValue("http://localhost:8082/dashboard/") List<String> redirectUris) {

        public Dashboard {
            clientId = clientId == null || clientId.isBlank() ? "dashboard" : clientId;
            redirectUris = redirectUris == null ? List.of("http://localhost:8082/dashboard/")
                    : redirectUris.stream().filter(uri -> !uri.isBlank()).toList();
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
    }
}
