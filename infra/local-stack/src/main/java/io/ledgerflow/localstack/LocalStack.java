package io.ledgerflow.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.ledgerflow.testkit.EmbeddedPostgresServer;
import io.ledgerflow.testkit.KafkaKraftBroker;
import io.ledgerflow.testkit.MongoWireServer;
import io.ledgerflow.testkit.auth.AuthorizationServer;

/**
 * Ledgerflow on one machine: the authorization server (a child JVM), embedded PostgreSQL, Kafka and MongoDB,
 * then command-service and query-service as child JVMs configured through their environment contract
 * (SERVER_PORT, DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD, KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI,
 * LEDGERFLOW_AUTH_ISSUER, LEDGERFLOW_AUTH_JWK_SET_URI, and for the command-service LEDGERFLOW_QUERY_SERVICE_URL).
 * <p>
 * {@link #start(LocalStackConfig)} returns once both services answer 200 on /actuator/health; from then on a
 * {@link Supervisor} restarts a service that dies, and {@link #awaitGiveUp()} ends when one keeps dying.
 * {@link #close()} stops the services first, then the authorization server, Kafka, MongoDB and PostgreSQL.
 * It is safe to call from a shutdown hook while {@code start} is still running: the start-up is cancelled
 * and nothing is orphaned.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration START_WAIT_ON_CLOSE = Duration.ofSeconds(90);

    private final LocalStackConfig config;
    private final Object lock = new Object();
    private final CountDownLatch startFinished = new CountDownLatch(1);
    private boolean closing;
    private LauncherLock launcherLock;
    private EmbeddedPostgresServer postgres;
    private KafkaKraftBroker kafka;
    private MongoWireServer mongo;
    private AuthorizationServer authServer;
    private AuthServerWatch authServerWatch;
    private Supervisor commandService;
    private Supervisor queryService;
    private final CompletableFuture<String> gaveUp = new CompletableFuture<>();
    private volatile String jdbcUrl;
    /** Chosen before anything starts: the authorization server must know the dashboard page's address. */
    private volatile int queryServicePort;
    private ServerSocket queryPortReservation;

    private LocalStack(LocalStackConfig config) {
        this.config = config;
    }

    /** Starts everything and waits for both services to be healthy; on failure stops what had started. */
    public static LocalStack start(LocalStackConfig config) {
        LocalStack stack = new LocalStack(config);
        stack.startAll();
        return stack;
    }

    public static void main(String[] args) {
        Path root = ProjectRoot.find(Path.of(""));
        LocalStackConfig config = LocalStackConfig.fromEnvironment(root);
        // read by logback.xml, so it must be set before the first logger exists
        System.setProperty("ledgerflow.logDir", config.logDirectory().toString());
        LocalStack stack = new LocalStack(config);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::closeOnShutdown, "ledgerflow-local-stack-stop"));
        StartupReport.starting(config);
        Instant startedAt = Instant.now();
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            System.err.println("\nLedgerflow did not start: " + e.getMessage());
            System.exit(1);
        }
        StartupReport.up(stack, Duration.between(startedAt, Instant.now()));
        System.exit(stack.awaitGiveUp()); // Ctrl-C ends the JVM before that; the shutdown hook stops everything
    }

    public String commandServiceUrl() {
        return commandService.current().url();
    }

    public String queryServiceUrl() {
        return queryService.current().url();
    }

    /** The dashboard web page (served by the query-service); people sign in on the authorization server. */
    public String dashboardUrl() {
        return dashboardUrl(queryServicePort);
    }

    private void releaseQueryPort() {
        if (queryPortReservation != null) {
            try {
                queryPortReservation.close();
            } catch (IOException e) {
                // still bound: the query-service's start then fails on its port and says so
            }
            queryPortReservation = null;
        }
    }

    private static String dashboardUrl(int queryServicePort) {
        return "http://localhost:" + queryServicePort + "/dashboard/";
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String databaseUser() {
        return postgres.user();
    }

    public String databasePassword() {
        return postgres.password();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    /** The {@code iss} of the tokens, {@code http://localhost:<port>}; also the authorization server's base URL. */
    public String authIssuer() {
        return authServer.issuer();
    }

    public String authJwkSetUri() {
        return authServer.jwkSetUri();
    }

    public String authTokenEndpoint() {
        return authServer.tokenUri();
    }

    /**
     * An access token for a demo client ({@code alice}, {@code bob}, {@code operator}, {@code viewer},
     * {@code auditor}, {@code admin}), requested from the token endpoint with the client credentials grant and
     * the secret {@code <clientId>-secret}; reused while it has at least two minutes to live.
     */
    public String accessToken(String clientId) {
        return authServer.token(clientId);
    }

    public LocalStackConfig config() {
        return config;
    }

    Path commandServiceLog() {
        return commandService.current().logFile();
    }

    Path queryServiceLog() {
        return queryService.current().logFile();
    }

    Path authServerLog() {
        return config.logDirectory().resolve("auth-server.log");
    }

    Path postgresLog() {
        return config.logDirectory().resolve("postgres.log");
    }

    Path infrastructureLog() {
        return config.logDirectory().resolve("infrastructure.log");
    }

    /**
     * Blocks until a service keeps dying and its supervisor gives up, then stops everything, tells the console
     * why and answers the launcher's exit status: 1.
     */
    int awaitGiveUp() {
        String reason = gaveUp.join();
        System.err.println("\nLedgerflow is stopping: " + reason);
        closeOnShutdown();
        return 1;
    }

    /**
     * Services first (they flush and commit on SIGTERM), then the authorization server, the last JVM, then
     * Kafka, MongoDB, PostgreSQL. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
        }
        awaitStartFinished();
        StopSequence stops = new StopSequence();
        stops.stop("query-service", queryService);
        stops.stop("command-service", commandService);
        stops.stop("auth-server watch", authServerWatch);
        stops.stop("auth-server", authServer);
        stops.stop("Kafka", kafka);
        stops.stop("MongoDB", mongo);
        stops.stop("PostgreSQL", postgres);
        stops.stop("launcher lock", launcherLock);
        stops.throwIfFailed();
    }

    private void startAll() {
        RuntimeException failure = null;
        try {
            config.requireJars();
            adopt(LauncherLock.acquire(config.dataDirectory()), it -> launcherLock = it);
            // before the infrastructure: a leftover service holds its port and connections to the old servers
            LeftoverService.stopIfRunning("command-service", config.pidFile("command-service"), config.commandServiceJar());
            LeftoverService.stopIfRunning("query-service", config.pidFile("query-service"), config.queryServiceJar());
            // chosen before the authorization server starts, which must know the dashboard's address
            if (config.queryServicePort() == 0) {
                queryPortReservation = Ports.reserve();
                queryServicePort = queryPortReservation.getLocalPort();
            } else {
                queryServicePort = config.queryServicePort();
            }
            startInfrastructure();
            jdbcUrl = postgres.createDatabase(config.databaseName());
            launchServices();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            releaseQueryPort();
            startFinished.countDown();
        }
        if (failure != null) {
            closeAfterFailedStart(failure);
            throw failure;
        }
    }

    /**
     * The authorization server first: a JVM of its own that needs a few seconds, so it starts while
     * PostgreSQL, Kafka and MongoDB start beside it. The services need all four.
     */
    private void startInfrastructure() {
        Path data = config.dataDirectory();
        Path mongoFile = config.persistentMongo() ? data.resolve("mongo").resolve("ledgerflow.mv") : null;
        CompletableFuture<Void> authStarted = inParallel(() -> adopt(
                LocalAuthServer.start(config, authServerLog(), dashboardUrl(queryServicePort)), it -> authServer = it));
        CompletableFuture<Void> mongoStarted = inParallel(() -> adopt(
                MongoWireServer.start(config.mongoPort(), mongoFile), it -> mongo = it));
        CompletableFuture<Void> postgresStarted = inParallel(() -> adopt(
                EmbeddedPostgresServer.start(config.postgresPort(), data.resolve("postgres"), postgresLog()), it -> postgres = it));
        CompletableFuture<Void> kafkaStarted = inParallel(() -> adopt(
                KafkaKraftBroker.start(config.kafkaPort(), data.resolve("kafka")), it -> kafka = it));
        try {
            // allOf waits for all, so a failure of one never leaves another starting unobserved
            CompletableFuture.allOf(authStarted, mongoStarted, postgresStarted, kafkaStarted).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static CompletableFuture<Void> inParallel(Runnable start) {
        return CompletableFuture.runAsync(start, LocalStack::inNewThread);
    }

    /**
     * One after the other: query-service subscribes to the topic command-service declares at start-up, and a
     * consumer that subscribed before the topic existed sees it only at its next metadata refresh. On two
     * cores, starting them together is hardly faster anyway.
     */
    private void launchServices() {
        Map<String, String> shared = Map.of(
                "DATABASE_URL", jdbcUrl,
                "DATABASE_USER", postgres.user(),
                "DATABASE_PASSWORD", postgres.password(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "MONGODB_URI", mongo.connectionString(),
                "LEDGERFLOW_AUTH_ISSUER", authServer.issuer(),
                "LEDGERFLOW_AUTH_JWK_SET_URI", authServer.jwkSetUri(),
                "LEDGERFLOW_CONSISTENCY_KEY", SharedSecretFile.readOrCreate(config.dataDirectory().resolve("consistency.key")),
                "SERVER_ADDRESS", LocalStackConfig.bindAddress());
        // the command-service's reconciliation reads the query-service's account list
        Map<String, String> command = new HashMap<>(shared);
        command.put("LEDGERFLOW_AUDIT_ANCHOR_KEY_FILE", AnchorKeyFile.ensure(config.anchorSigningKeyFile()).toString());
        command.put("LEDGERFLOW_QUERY_SERVICE_URL", "http://localhost:" + queryServicePort);
        adopt(supervised(ServiceSpec.of(config, "command-service", config.commandServiceJar(), config.commandServicePort(), command)),
                it -> commandService = it);
        commandService.current().awaitHealthy(Instant.now().plus(config.healthTimeout()), this::isClosing);
        releaseQueryPort();
        adopt(supervised(ServiceSpec.of(config, "query-service", config.queryServiceJar(), queryServicePort, shared)),
                it -> queryService = it);
        queryService.current().awaitHealthy(Instant.now().plus(config.healthTimeout()), this::isClosing);
        // only now: a service that dies before it was ever healthy fails the start instead
        commandService.watch();
        queryService.watch();
        int authPort = authServer.port();
        adopt(new AuthServerWatch(authServer,
                () -> LocalAuthServer.start(config, authPort, authServerLog(), dashboardUrl(queryServicePort)),
                this::adoptRestartedAuthServer, config.restartPolicy(), gaveUp::complete), it -> authServerWatch = it);
    }

    private void adoptRestartedAuthServer(AuthorizationServer restarted) {
        adopt(restarted, it -> authServer = it);
    }

    private Supervisor supervised(ServiceSpec spec) {
        return new Supervisor(ServiceProcess.launch(spec), config.restartPolicy(), config.healthTimeout(), gaveUp::complete);
    }

    /** Keeps a started part, unless shutdown began meanwhile: then the part is stopped at once. */
    private <T extends AutoCloseable> void adopt(T part, Consumer<T> field) {
        synchronized (lock) {
            if (!closing) {
                field.accept(part);
                return;
            }
        }
        new StopSequence().stop(part.toString(), part);
        throw new CancellationException("shutting down");
    }

    private boolean isClosing() {
        synchronized (lock) {
            return closing;
        }
    }

    private void awaitStartFinished() {
        try {
            startFinished.await(START_WAIT_ON_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeAfterFailedStart(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException stopFailure) {
            failure.addSuppressed(stopFailure);
        }
    }

    private void closeOnShutdown() {
        if (isClosing()) {
            return;
        }
        System.out.println("\nStopping Ledgerflow...");
        try {
            close();
            System.out.println("Ledgerflow stopped.");
        } catch (RuntimeException e) {
            System.err.println("Ledgerflow did not stop cleanly: " + e.getMessage());
        }
    }

    private static void inNewThread(Runnable task) {
        Thread thread = new Thread(task, "ledgerflow-local-stack-start");
        thread.setDaemon(true);
        thread.start();
    }
}
