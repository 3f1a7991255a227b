package io.ledgerflow.command.security;

import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTPS is configuration only (a Spring Boot SSL bundle); HSTS comes with it. */
@DirtiesContext // a configuration no other class shares: closed when the class ends, not at the JVM's exit
class TlsTest extends CommandServiceTest {

    private static final String PASSWORD = "changeit";
    private static final Path KEYSTORE = generateKeystore();

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("server.ssl.bundle", () -> "ledgerflow");
        registry.add("spring.ssl.bundle.jks.ledgerflow.keystore.location", () -> "file:" + KEYSTORE);
        registry.add("spring.ssl.bundle.jks.ledgerflow.keystore.password", () -> PASSWORD);
        registry.add("spring.ssl.bundle.jks.ledgerflow.keystore.type", () -> "PKCS12");
    }

    @Test
    void the_api_answers_over_https_with_strict_transport_security() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(KEYSTORE)).build();
        String id = unique("tls");

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(httpsUrl() + "/api/v1/accounts"))
                .header("Authorization", "Bearer " + tokenFor("alice"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"currency\":\"USD\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
        assertThat(replayed(id)).isPresent();
    }

    private String httpsUrl() {
        return baseUrl().replace("http://", "https://");
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A throwaway self-signed certificate for localhost, made with the JDK's own keytool. */
    private static Path generateKeystore() {
        try {
            Path keystore = Files.createTempDirectory("tls").resolve(UUID.randomUUID() + ".p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "ledgerflow", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes());
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return keystore;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
