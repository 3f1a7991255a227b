package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher against stand-in services (real child JVMs): start-up, the environment contract, clean stop. */
class LocalStackTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsTheServicesWithTheEnvironmentContractAndStopsEverything(@TempDir Path data) throws Exception {
        Path commandJar = FakeServiceJar.write(data.resolve("jars/command-service-exec.jar"));
        Path queryJar = FakeServiceJar.write(data.resolve("jars/query-service-exec.jar"));
        List<ProcessHandle> services;
        int postgresPort;

        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral(data.resolve("stack"), commandJar, queryJar))) {
            assertThat(get(stack.commandServiceUrl() + "/actuator/health").statusCode()).isEqualTo(200);
            assertThat(get(stack.queryServiceUrl() + "/actuator/health").statusCode()).isEqualTo(200);
            assertThat(get(stack.commandServiceUrl() + "/env").body()).contains(
                    "SERVER_PORT=" + URI.create(stack.commandServiceUrl()).getPort(),
                    "DATABASE_URL=" + stack.jdbcUrl(),
                    "DATABASE_USER=postgres",
                    "DATABASE_PASSWORD=postgres",
                    "KAFKA_BOOTSTRAP_SERVERS=" + stack.kafkaBootstrapServers(),
                    "MONGODB_URI=" + stack.mongoConnectionString());
            try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.databaseUser(), stack.databasePassword())) {
                assertThat(connection.getCatalog()).isEqualTo("ledgerflow");
            }
            assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.ephemeral(data.resolve("stack"), commandJar, queryJar)))
                    .hasMessageContaining("already running");

            services = childrenRunning(commandJar, queryJar);
            assertThat(services).hasSize(2);
            postgresPort = URI.create(stack.jdbcUrl().substring("jdbc:".length())).getPort();
        }

        assertThat(services).noneMatch(ProcessHandle::isAlive);
        assertThat(isListening(postgresPort)).isFalse();
        assertThat(data.resolve("stack/logs/command-service.log")).content().contains("fake service listening");
        assertThat(data.resolve("stack/run")).isEmptyDirectory();
    }

    @Test
    void aFailedStartStopsWhatHadStarted(@TempDir Path data) throws IOException {
        Path commandJar = FakeServiceJar.write(data.resolve("jars/command-service-exec.jar"));
        Path missingJar = data.resolve("jars/query-service-exec.jar");

        assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.ephemeral(data.resolve("stack"), commandJar, missingJar)))
                .hasMessageContaining("query-service jar not found");

        assertThat(childrenRunning(commandJar, missingJar)).isEmpty();
        try (LauncherLock released = LauncherLock.acquire(data.resolve("stack"))) {
            assertThat(released).isNotNull();
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ProcessHandle> childrenRunning(Path... jars) {
        return ProcessHandle.current().children()
                .filter(child -> {
                    Optional<String> line = child.info().commandLine();
                    return line.isPresent() && List.of(jars).stream().anyMatch(jar -> line.get().contains(jar.toString()));
                })
                .toList();
    }

    private static boolean isListening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
