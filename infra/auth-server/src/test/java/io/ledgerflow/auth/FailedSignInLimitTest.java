package io.ledgerflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Wrong secrets from one address are limited before they are hashed; other addresses, and good secrets, are not.
 * The flood comes from 127.0.0.2 (a loopback address of its own), so that this class's context, which the other
 * tests share, keeps serving 127.0.0.1.
 */
// the same configuration as TokenEndpointTest, so both share one application context
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledgerflow.auth.issuer=http://issuer.test:9000")
class FailedSignInLimitTest {

    private static final String FLOODER = "127.0.0.2";

    @LocalServerPort
    int port;

    @Test
    void an_address_past_its_failed_sign_ins_gets_429_and_another_address_still_gets_its_token() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 25; attempt++) {
            statuses.add(status(tokenRequest(FLOODER, "alice", "wrong-secret")));
        }
        String refused = tokenRequest(FLOODER, "alice", "wrong-secret");

        assertThat(statuses.subList(0, 10)).as("the first failures are answered as failures").containsOnly(401);
        assertThat(statuses).contains(429);
        assertThat(refused).startsWith("HTTP/1.1 429 ").contains("Retry-After: ").contains("temporarily_unavailable");
        assertThat(status(tokenRequest("127.0.0.1", "alice", "alice-secret"))).isEqualTo(200);
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    private String tokenRequest(String from, String clientId, String secret) throws IOException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        String body = "grant_type=client_credentials";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + basic
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
