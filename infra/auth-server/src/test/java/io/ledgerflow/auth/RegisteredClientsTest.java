package io.ledgerflow.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

class RegisteredClientsTest {

    private final PasswordEncoder passwordEncoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void aClientMayHaveItsOwnTokenLifetime() {
        RegisteredClientRepository clients = RegisteredClients.from(properties(
                new AuthProperties.Client("batch", "batch-secret", List.of("operator"), Duration.ofMinutes(1)),
                new AuthProperties.Client("alice", "alice-secret", List.of("client"), null)), passwordEncoder);

        assertThat(clients.findByClientId("batch").getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(1));
        assertThat(clients.findByClientId("alice").getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void plainSecretsAreStoredHashedAndEncodedOnesAsGiven() {
        String bcrypt = passwordEncoder.encode("svc-secret");
        RegisteredClientRepository clients = RegisteredClients.from(properties(
                new AuthProperties.Client("alice", "alice-secret", List.of("client"), null),
                new AuthProperties.Client("svc", bcrypt, List.of("viewer"), null)), passwordEncoder);

        RegisteredClient alice = clients.findByClientId("alice");
        assertThat(alice.getClientSecret()).startsWith("{bcrypt}");
        assertThat(passwordEncoder.matches("alice-secret", alice.getClientSecret())).isTrue();
        assertThat(clients.findByClientId("svc").getClientSecret()).isEqualTo(bcrypt);
        assertThat(ClientRoles.of(clients.findByClientId("svc"))).containsExactly("viewer");
    }

    @Test
    void noClientsIsAConfigurationError() {
        assertThatThrownBy(() -> RegisteredClients.from(properties(), passwordEncoder)).hasMessageContaining("ledgerflow.auth.clients");
    }

    private static AuthProperties properties(AuthProperties.Client... clients) {
        return new AuthProperties("http://issuer.test", "ledgerflow", null, Duration.ofMinutes(15), List.of(clients),
                List.of(), new AuthProperties.Dashboard(null, null));
    }
}
