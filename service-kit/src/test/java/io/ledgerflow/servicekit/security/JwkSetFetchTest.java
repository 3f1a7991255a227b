package io.ledgerflow.servicekit.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** An issuer whose key endpoint accepts connections and never answers must not hang token verification. */
class JwkSetFetchTest {

    private ServerSocket silent;
    private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
    private final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void silentIssuer() throws IOException {
        silent = new ServerSocket(0);
        acceptor.submit(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept()); // read nothing, answer nothing
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
        acceptor.shutdownNow();
    }

    @Test
    void a_token_is_refused_within_the_fetch_timeouts_when_the_key_endpoint_never_answers() {
        String jwks = "http://127.0.0.1:" + silent.getLocalPort() + "/oauth2/jwks";
        JwtDecoder decoder = new LedgerSecurityAutoConfiguration().jwtDecoder(new LedgerSecurityProperties(
                "http://127.0.0.1:" + silent.getLocalPort(), jwks, "ledgerflow", "roles", List.of(),
                new LedgerSecurityProperties.TokenCache(0, Duration.ofMinutes(5)), Duration.ofSeconds(15), Duration.ZERO));

        Duration bound = LedgerSecurityAutoConfiguration.JWK_SET_CONNECT_TIMEOUT
                .plus(LedgerSecurityAutoConfiguration.JWK_SET_READ_TIMEOUT).multipliedBy(3);
        assertTimeoutPreemptively(bound, () ->
                assertThatThrownBy(() -> decoder.decode(tokenWithKeyId("k-1"))).isInstanceOf(JwtException.class));
    }

    private static String tokenWithKeyId(String kid) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString("{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString(new byte[256]);
    }
}
