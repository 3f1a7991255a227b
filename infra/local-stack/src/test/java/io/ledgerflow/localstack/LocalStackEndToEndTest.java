package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real services, built by the reactor before this module, started by the launcher as in the README.
 * Skipped when the executable jars are not there (a scoped build of this module alone).
 */
@EnabledIf("serviceJarsBuilt")
class LocalStackEndToEndTest {

    private static final Path ROOT = ProjectRoot.find(Path.of(""));
    private static final Path COMMAND_JAR = ROOT.resolve("command-service/target/command-service-exec.jar");
    private static final Path QUERY_JAR = ROOT.resolve("query-service/target/query-service-exec.jar");

    @TempDir
    static Path data;
    static LocalStack stack;

    private final HttpClient http = HttpClient.newHttpClient();

    static boolean serviceJarsBuilt() {
        return isExecutableJar(COMMAND_JAR) && isExecutableJar(QUERY_JAR);
    }

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStackConfig.ephemeral(data, COMMAND_JAR, QUERY_JAR));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bothServicesAreHealthy() throws Exception {
        assertThat(get(stack.commandServiceUrl() + "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get(stack.queryServiceUrl() + "/actuator/health").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isExecutableJar(Path jar) {
        try {
            return Files.isRegularFile(jar) && Files.size(jar) > 1_000_000; // a Spring Boot jar, not a placeholder
        } catch (IOException e) {
            return false;
        }
    }
}
