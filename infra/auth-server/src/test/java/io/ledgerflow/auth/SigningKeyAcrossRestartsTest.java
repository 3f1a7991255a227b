package io.ledgerflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.jwt.SignedJWT;

class SigningKeyAcrossRestartsTest {

    @Test
    void theKeyFileIsCreatedOnceAndReusedSoEarlierTokensStayValid(@TempDir Path directory) {
        Path jwkFile = directory.resolve("keys/signing-key.json");

        String firstKid;
        SignedJWT issuedBeforeRestart;
        try (ConfigurableApplicationContext first = start(jwkFile)) {
            assertThat(jwkFile).exists();
            TokenRequests requests = new TokenRequests(portOf(first));
            firstKid = requests.jwks().getKeys().get(0).getKeyID();
            issuedBeforeRestart = TokenRequests.accessToken(requests.withBasicAuth("alice", "alice-secret"));
        }
        String fileAfterFirstStart = read(jwkFile);

        try (ConfigurableApplicationContext second = start(jwkFile)) {
            TokenRequests requests = new TokenRequests(portOf(second));
            assertThat(requests.jwks().getKeys()).singleElement().satisfies(key -> assertThat(key.getKeyID()).isEqualTo(firstKid));
            assertThat(issuedBeforeRestart.getHeader().getKeyID()).isEqualTo(firstKid);
            assertThat(requests.verifiesAgainstJwks(issuedBeforeRestart)).isTrue();
        }
        assertThat(read(jwkFile)).isEqualTo(fileAfterFirstStart);
    }

    private static ConfigurableApplicationContext start(Path jwkFile) {
        return new SpringApplicationBuilder(AuthorizationServerApplication.class)
                .run("--server.port=0", "--ledgerflow.auth.jwk-file=" + jwkFile);
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
