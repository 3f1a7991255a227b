package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.ledgerflow.testkit.auth.AuthorizationServer;

/**
 * Starts the stack's authorization server with the test kit's {@link AuthorizationServer}: the auth-server
 * jar as a child JVM whose issuer is {@code http://localhost:<port>}, which exits on its own if the launcher
 * is killed outright. Its signing key is kept in the data directory, so tokens survive a restart. The
 * dashboard page's client may redirect only to the query-service's page, on the port this stack gives it.
 */
final class LocalAuthServer {

    /** Where the test kit's {@link AuthorizationServer} looks for the jar; read once at the start of each launch. */
    private static final String JAR_PROPERTY = "ledgerflow.auth.jar";
    private static final Object JAR_PROPERTY_LOCK = new Object();
    /** An authorization server left by a launcher killed outright needs a moment to notice and release its port. */
    private static final Duration PORT_RELEASE_WAIT = Duration.ofSeconds(15);

    private LocalAuthServer() {
    }

    /** The demo users of the dashboard's login page, as the authorization server's default configuration has them. */
    static final String DEMO_LOGINS = "viewer / viewer (role viewer), operator / operator (role operator)";

    /**
     * @param dashboardUrl the query-service's dashboard page, the only redirect URI of the dashboard's client
     */
    static AuthorizationServer start(LocalStackConfig config, Path logFile, String dashboardUrl) {
        return start(config, config.authServerPort(), logFile, dashboardUrl);
    }

    /** On this port (0: any free one); a restart takes the port the services already know. */
    static AuthorizationServer start(LocalStackConfig config, int port, Path logFile, String dashboardUrl) {
        if (port != 0) {
            Ports.awaitFree(port, "the authorization server", PORT_RELEASE_WAIT);
        }
        writeLogHeader(logFile, port, config);
        synchronized (JAR_PROPERTY_LOCK) {
            String previous = System.getProperty(JAR_PROPERTY);
            System.setProperty(JAR_PROPERTY, config.authServerJar().toString());
            try {
                return AuthorizationServer.start(port, config.authSigningKeyFile(), logFile,
                        Map.of("LEDGERFLOW_AUTH_DASHBOARD_REDIRECT_URIS", dashboardUrl, "SERVER_ADDRESS", LocalStackConfig.bindAddress()));
            } finally {
                if (previous == null) {
                    System.clearProperty(JAR_PROPERTY);
                } else {
                    System.setProperty(JAR_PROPERTY, previous);
                }
            }
        }
    }

    private static void writeLogHeader(Path logFile, int port, LocalStackConfig config) {
        String header = "%n===== auth-server starting at %s: %s on port %s, signing key %s%n".formatted(
                Instant.now(), config.authServerJar(), port == 0 ? "(any free)" : port, config.authSigningKeyFile());
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }
}
