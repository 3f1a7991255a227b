package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher against stand-in services and a stand-in authorization server (real child JVMs): start-up,
 * the environment contract, clean stop in order.
 */
class LocalStackTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsTheServicesWithTheEnvironmentContractAndStopsEverything(@TempDir Path data) throws Exception {
        Path commandJar = FakeServiceJar.write(data.resolve("jars/command-service-exec.jar"));
        Path queryJar = FakeServiceJar.write(data.resolve("jars/query-service-exec.jar"));
        Path authJar = FakeServiceJar.write(data.resolve("jars/auth-server-exec.jar"));
        Map<String, Long> exitedAt = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> exits = new ArrayList<>();
        List<ProcessHandle> children;
        int postgresPort;

        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral(data.resolve("stack"), commandJar, queryJar, authJar))) {
            assertThat(get(stack.commandServiceUrl() + "/actuator/health").statusCode()).isEqualTo(200);
            assertThat(get(stack.queryServiceUrl() + "/actuator/health").statusCode()).isEqualTo(200);
            assertThat(stack.authIssuer()).matches("http://localhost:\\d+");
            assertThat(get(stack.authJwkSetUri()).body()).contains("\"keys\"");
            assertThat(get(stack.commandServiceUrl() + "/env").body()).contains(
                    "SERVER_PORT=" + URI.create(stack.commandServiceUrl()).getPort(),
                    "DATABASE_URL=" + stack.jdbcUrl(),
                    "DATABASE_USER=postgres",
                    "DATABASE_PASSWORD=postgres",
                    "KAFKA_BOOTSTRAP_SERVERS=" + stack.kafkaBootstrapServers(),
                    "MONGODB_URI=" + stack.mongoConnectionString(),
                    "LEDGERFLOW_AUTH_ISSUER=" + stack.authIssuer(),
                    "LEDGERFLOW_AUTH_JWK_SET_URI=" + stack.authIssuer() + "/oauth2/jwks",
                    "LEDGERFLOW_AUDIT_ANCHOR_KEY_FILE=" + data.resolve("stack").resolve("audit").resolve("anchor-key.pem")
                            .toAbsolutePath().normalize());
            assertThat(data.resolve("stack").resolve("audit").resolve("anchor-key.pem")).content()
                    .startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(get(stack.queryServiceUrl() + "/env").body()).contains(
                    "LEDGERFLOW_AUTH_ISSUER=" + stack.authIssuer(),
                    "LEDGERFLOW_AUTH_JWK_SET_URI=" + stack.authJwkSetUri(),
                    "LEDGERFLOW_AUDIT_ANCHOR_KEY_FILE=null");
            try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.databaseUser(), stack.databasePassword())) {
                assertThat(connection.getCatalog()).isEqualTo("ledgerflow");
            }
            assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.ephemeral(data.resolve("stack"), commandJar, queryJar, authJar)))
                    .hasMessageContaining("already running");

            assertThat(childrenRunning(commandJar, queryJar)).hasSize(2);
            children = childrenRunning(commandJar, queryJar, authJar);
            assertThat(children).hasSize(3);
            for (ProcessHandle child : children) {
                String jar = jarOf(child, commandJar, queryJar, authJar);
                exits.add(child.onExit().thenRun(() -> exitedAt.put(jar, System.nanoTime())));
            }
            postgresPort = URI.create(stack.jdbcUrl().substring("jdbc:".length())).getPort();
        }

        assertThat(children).noneMatch(ProcessHandle::isAlive);
        CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(exitedAt.get("auth-server-exec.jar"))
                .as("the authorization server stops after both services")
                .isGreaterThan(exitedAt.get("command-service-exec.jar"))
                .isGreaterThan(exitedAt.get("query-service-exec.jar"));
        assertThat(isListening(postgresPort)).isFalse();
        assertThat(data.resolve("stack/logs/command-service.log")).content().contains("fake service listening");
        assertThat(data.resolve("stack/logs/auth-server.log")).content()
                .contains("===== auth-server starting at", "fake service listening");
        assertThat(data.resolve("stack/auth/jwk.json")).content().contains("\"kid\"");
        assertThat(data.resolve("stack/run")).isEmptyDirectory();
    }

    @Test
    void aFailedStartStopsWhatHadStarted(@TempDir Path data) throws IOException {
        Path commandJar = FakeServiceJar.write(data.resolve("jars/command-service-exec.jar"));
        Path missingJar = data.resolve("jars/query-service-exec.jar");
        Path authJar = FakeServiceJar.write(data.resolve("jars/auth-server-exec.jar"));

        assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.ephemeral(data.resolve("stack"), commandJar, missingJar, authJar)))
                .hasMessageContaining("query-service jar not found");

        assertThat(childrenRunning(commandJar, missingJar, authJar)).isEmpty();
        try (LauncherLock released = LauncherLock.acquire(data.resolve("stack"))) {
            assertThat(released).isNotNull();
        }
    }

    @Test
    void aServiceThatDiesAtStartUpStopsTheAuthorizationServerAndTheInfrastructure(@TempDir Path data) throws IOException {
        Path brokenJar = data.resolve("jars/command-service-exec.jar");
        Files.createDirectories(brokenJar.getParent());
        Files.writeString(brokenJar, "not a jar");
        Path queryJar = FakeServiceJar.write(data.resolve("jars/query-service-exec.jar"));
        Path authJar = FakeServiceJar.write(data.resolve("jars/auth-server-exec.jar"));

        assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.ephemeral(data.resolve("stack"), brokenJar, queryJar, authJar)))
                .hasMessageContaining("command-service exited");

        assertThat(childrenRunning(brokenJar, queryJar, authJar)).isEmpty();
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ProcessHandle> childrenRunning(Path... jars) {
        return ProcessHandle.current().children()
                .filter(child -> jarOf(child, jars) != null)
                .toList();
    }

    private static String jarOf(ProcessHandle child, Path... jars) {
        Optional<String> line = child.info().commandLine();
        return List.of(jars).stream()
                .filter(jar -> line.isPresent() && line.get().contains(jar.toString()))
                .map(jar -> jar.getFileName().toString())
                .findFirst().orElse(null);
    }

    private static boolean isListening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
