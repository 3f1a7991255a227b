package io.ledgerflow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.ledgerflow.testkit.auth.AuthorizationServer;

/**
 * What the local stack runs and where. Port 0 means an ephemeral port. Everything persistent lives under
 * {@code dataDirectory}: {@code postgres/}, {@code kafka/}, {@code mongo/}, {@code auth/}, {@code audit/}, {@code logs/}
 * and {@code run/}.
 *
 * @param persistentMongo keep MongoDB data in an H2 file (else in memory: projections start empty on each run)
 */
public record LocalStackConfig(
        Path dataDirectory,
        Path workingDirectory,
        Path commandServiceJar,
        Path queryServiceJar,
        Path authServerJar,
        int postgresPort,
        int kafkaPort,
        int mongoPort,
        int commandServicePort,
        int queryServicePort,
        int authServerPort,
        boolean persistentMongo,
        String databaseName,
        String javaExecutable,
        List<String> serviceJvmOptions,
        Duration healthTimeout,
        RestartPolicy restartPolicy) {

    /**
     * Bounds for everything a service's JVM holds, not only its heap: with -Xmx768m the services' resident memory
     * passed 512 MB under load (heap grown lazily, plus metaspace, compiled code and threads); with -Xmx256m the
     * command-service still reached 527 MB by the end of a full benchmark run. Its live set is about 35 MB.
     * The serial collector: on two cores shared with the whole stack, G1's pauses and its concurrent threads cost the
     * query-service about a third of the reads it answered under load (infra/benchmarks/results:
     * 2026-12-04-seventh-session-changes.md, 2026-12-04-serial-gc-ab.txt).
     */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-Xmx192m", "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=96m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    static final List<String> SHORT_LIVED_SERVICE_JVM_OPTIONS = Stream.concat(DEFAULT_SERVICE_JVM_OPTIONS.stream(),
            Stream.of("-XX:TieredStopAtLevel=1")).toList();
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(120);
    static final Path AUTH_SERVER_JAR = Path.of("infra", "auth-server", "target", "auth-server-exec.jar");

    public LocalStackConfig {
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        authServerJar = authServerJar.toAbsolutePath().normalize();
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    /**
     * The README's configuration: fixed well-known ports and data under {@code <projectRoot>/.ledgerflow},
     * each overridable by a system property or environment variable (LEDGERFLOW_PG_PORT, LEDGERFLOW_KAFKA_PORT,
     * LEDGERFLOW_MONGO_PORT, LEDGERFLOW_COMMAND_PORT, LEDGERFLOW_QUERY_PORT, LEDGERFLOW_AUTH_PORT,
     * LEDGERFLOW_DATA_DIR, LEDGERFLOW_COMMAND_JAR, LEDGERFLOW_QUERY_JAR, LEDGERFLOW_AUTH_JAR,
     * LEDGERFLOW_MONGO_PERSISTENT, LEDGERFLOW_JVM_OPTS, LEDGERFLOW_HEALTH_TIMEOUT_SECONDS).
     */
    public static LocalStackConfig fromEnvironment(Path projectRoot) {
        return new LocalStackConfig(
                Settings.path("LEDGERFLOW_DATA_DIR", projectRoot.resolve(".ledgerflow")),
                projectRoot,
                Settings.path("LEDGERFLOW_COMMAND_JAR", projectRoot.resolve("command-service/target/command-service-exec.jar")),
                Settings.path("LEDGERFLOW_QUERY_JAR", projectRoot.resolve("query-service/target/query-service-exec.jar")),
                Settings.path("LEDGERFLOW_AUTH_JAR", projectRoot.resolve(AUTH_SERVER_JAR)),
                Settings.port("LEDGERFLOW_PG_PORT", 15432),
                Settings.port("LEDGERFLOW_KAFKA_PORT", 19092),
                Settings.port("LEDGERFLOW_MONGO_PORT", 27017),
                Settings.port("LEDGERFLOW_COMMAND_PORT", 8081),
                Settings.port("LEDGERFLOW_QUERY_PORT", 8082),
                Settings.port("LEDGERFLOW_AUTH_PORT", 9000),
                Settings.flag("LEDGERFLOW_MONGO_PERSISTENT", true),
                "ledgerflow",
                currentJava(),
                Settings.get("LEDGERFLOW_JVM_OPTS").map(options -> Arrays.asList(options.split("\\s+"))).orElse(DEFAULT_SERVICE_JVM_OPTIONS),
                Settings.seconds("LEDGERFLOW_HEALTH_TIMEOUT_SECONDS", DEFAULT_HEALTH_TIMEOUT),
                RestartPolicy.DEFAULT);
    }

    /**
     * Ephemeral ports everywhere, data under the given directory: for tests. Their stacks live a few minutes, so the
     * services compile with C1 only: C2's compiler threads would take a core for most of that time.
     */
    public static LocalStackConfig ephemeral(Path dataDirectory, Path commandServiceJar, Path queryServiceJar, Path authServerJar) {
        return new LocalStackConfig(dataDirectory, dataDirectory, commandServiceJar, queryServiceJar, authServerJar,
                0, 0, 0, 0, 0, 0, true, "ledgerflow", currentJava(), SHORT_LIVED_SERVICE_JVM_OPTIONS, DEFAULT_HEALTH_TIMEOUT,
                RestartPolicy.DEFAULT);
    }

    /**
     * {@link #ephemeral(Path, Path, Path, Path)} with the authorization server the test kit finds: its
     * {@code -Dledgerflow.auth.jar}, else {@code infra/auth-server/target/auth-server-exec.jar} of this checkout.
     */
    public static LocalStackConfig ephemeral(Path dataDirectory, Path commandServiceJar, Path queryServiceJar) {
        Path authServerJar = AuthorizationServer.executableJar()
                .orElseGet(() -> ProjectRoot.find(Path.of("")).resolve(AUTH_SERVER_JAR));
        return ephemeral(dataDirectory, commandServiceJar, queryServiceJar, authServerJar);
    }

    /**
     * Where the authorization server and both services listen: the loopback interface, unless
     * {@code LEDGERFLOW_BIND_ADDRESS} names another (e.g. {@code 0.0.0.0}). The demo clients' secrets are printed in the
     * README, so this stack does not offer them, nor the APIs they open, to the network by default. PostgreSQL, Kafka
     * and MongoDB listen on the loopback interface always.
     */
    static String bindAddress() {
        return Settings.get("LEDGERFLOW_BIND_ADDRESS").orElse("127.0.0.1");
    }

    public LocalStackConfig withRestartPolicy(RestartPolicy policy) {
        return new LocalStackConfig(dataDirectory, workingDirectory, commandServiceJar, queryServiceJar, authServerJar,
                postgresPort, kafkaPort, mongoPort, commandServicePort, queryServicePort, authServerPort, persistentMongo,
                databaseName, javaExecutable, serviceJvmOptions, healthTimeout, policy);
    }

    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    /** The authorization server's signing key: kept, so that tokens stay valid across restarts. */
    public Path authSigningKeyFile() {
        return dataDirectory.resolve("auth").resolve("jwk.json");
    }

    /** The command-service's audit anchor signing key: kept, so that anchors verify across restarts. */
    public Path anchorSigningKeyFile() {
        return dataDirectory.resolve("audit").resolve("anchor-key.pem");
    }

    Path runDirectory() {
        return dataDirectory.resolve("run");
    }

    Path pidFile(String service) {
        return runDirectory().resolve(service + ".pid");
    }

    void requireJars() {
        requireJar("command-service", commandServiceJar);
        requireJar("query-service", queryServiceJar);
        requireJar("auth-server", authServerJar);
    }

    private static void requireJar(String service, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(service + " jar not found: " + jar + " (build it first: ./mvnw -q -DskipTests package)");
        }
    }

    /** The java that runs this launcher, so the services run on the same JDK. */
    static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
