package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service JVM: honours the environment contract's SERVER_PORT, answers the actuator health
 * probe, and shows the contract variables it received at /env. Runs as a real child process.
 * <p>
 * Also stands in for the authorization server: given LEDGERFLOW_AUTH_JWK_FILE, it publishes that key at
 * /oauth2/jwks, which is what the launcher waits for.
 * <p>
 * While {@link #dyingMarker(Path) a marker file} is next to its jar, it exits with code 1 as soon as it starts.
 */
public final class FakeService {

    static final List<String> CONTRACT = List.of(
            "SERVER_PORT", "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI",
            "LEDGERFLOW_AUTH_ISSUER", "LEDGERFLOW_AUTH_JWK_SET_URI", "LEDGERFLOW_AUDIT_ANCHOR_KEY_FILE");

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.exists(dyingMarker(jar))) {
            System.out.println("fake service dies at once: " + dyingMarker(jar) + " exists");
            System.exit(1);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 10);
        server.createContext("/actuator/health", exchange -> respond(exchange, "{\"status\":\"UP\"}"));
        server.createContext("/env", exchange -> respond(exchange, CONTRACT.stream()
                .map(name -> name + "=" + System.getenv(name))
                .collect(Collectors.joining("\n"))));
        String jwkFile = System.getenv("LEDGERFLOW_AUTH_JWK_FILE");
        if (jwkFile != null) {
            server.createContext("/oauth2/jwks", exchange -> respond(exchange,
                    "{\"keys\":[" + Files.readString(Path.of(jwkFile)) + "]}"));
        }
        server.start();
        System.out.println("fake service listening on " + server.getAddress());
    }

    static Path dyingMarker(Path jar) {
        return jar.resolveSibling(jar.getFileName() + ".die");
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
