package io.ledgerflow.command.support;

import io.ledgerflow.command.CommandServiceApplication;
import io.ledgerflow.testkit.FreePorts;
import org.springframework.core.env.Environment;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Another command-service process on the same PostgreSQL, Kafka and authorization server as the test's own
 * instance: a separate JVM, as a second instance in production would be, started from the test class path.
 */
public final class SecondInstance implements AutoCloseable {

    private static final String[] SHARED = {"spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.kafka.bootstrap-servers", "ledgerflow.kafka.topic",
            "ledgerflow.kafka.partitions", "ledgerflow.security.issuer", "ledgerflow.security.jwk-set-uri"};

    private final Process process;
    private final int port;
    private final Path log;

    private SecondInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static SecondInstance start(Environment environment) throws IOException, InterruptedException {
        return start(environment, List.of("-Xmx384m"), Map.of());
    }

    /**
     * @param jvmOptions options of the second JVM, e.g. its heap ({@code -Xmx96m})
     * @param properties properties that differ from the test's instance (they win over the shared ones)
     */
    public static SecondInstance start(Environment environment, List<String> jvmOptions, Map<String, String> properties)
            throws IOException, InterruptedException {
        int port = FreePorts.pick();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // a JVM for one test: C1 only, as the test JVMs themselves (see the parent pom's surefire argLine)
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), CommandServiceApplication.class.getName(),
                "--server.port=" + port,
                "--ledgerflow.rate-limits.roles.client.capacity=1000000",
                "--ledgerflow.rate-limits.roles.client.per-second=1000000",
                "--ledgerflow.rate-limits.roles.operator.capacity=1000000",
                "--ledgerflow.rate-limits.roles.operator.per-second=1000000"));
        for (String property : SHARED) {
            if (!properties.containsKey(property)) {
                command.add("--" + property + "=" + environment.getRequiredProperty(property));
            }
        }
        properties.forEach((property, value) -> command.add("--" + property + "=" + value));
        Path log = Files.createTempFile("second-command-service-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SecondInstance instance = new SecondInstance(process, port, log);
        // generous: on a loaded machine (CI, two cores) a start-up can take well over a minute
        instance.awaitUp(Duration.ofSeconds(180));
        return instance;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the process wrote so far (standard output and error). */
    public String output() throws IOException {
        return Files.readString(log);
    }

    private void awaitUp(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second instance died at start-up:\n" + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/api/v1/transfers").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        close();
        throw new IllegalStateException("the second instance did not start in " + timeout + ":\n" + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        new File(log.toString()).deleteOnExit();
    }
}
