package io.ledgerflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The launcher keeps what it started running: a stand-in service (a real child JVM) that is killed is reported
 * and restarted; one that then dies at once every time makes the launcher give up with exit status 1.
 */
class SupervisionTest {

    private static final RestartPolicy FAST = new RestartPolicy(2, Duration.ofMinutes(1), Duration.ofMillis(200), Duration.ofSeconds(1));

    private final HttpClient http = HttpClient.newHttpClient();
    private final Logger supervisorLog = (Logger) LoggerFactory.getLogger(Supervisor.class);
    private final Logger authWatchLog = (Logger) LoggerFactory.getLogger(AuthServerWatch.class);
    private final ListAppender<ILoggingEvent> console = new ListAppender<>();

    @TempDir
    Path data;
    private Path commandJar;
    private Path queryJar;
    private Path authJar;

    @BeforeEach
    void writeStandInJars() throws IOException {
        commandJar = FakeServiceJar.write(data.resolve("jars/command-service-exec.jar"));
        queryJar = FakeServiceJar.write(data.resolve("jars/query-service-exec.jar"));
        authJar = FakeServiceJar.write(data.resolve("jars/auth-server-exec.jar"));
    }

    @BeforeEach
    void captureConsole() {
        console.start();
        supervisorLog.addAppender(console);
        authWatchLog.addAppender(console);
    }

    @AfterEach
    void releaseConsole() {
        supervisorLog.detachAppender(console);
        authWatchLog.detachAppender(console);
    }

    @Test
    void aKilledServiceIsRestartedAndOneThatKeepsDyingEndsTheLauncher() throws Exception {
        try (LocalStack stack = startFake()) {
            ProcessHandle first = onlyChildRunning(commandJar);
            first.destroyForcibly();

            ProcessHandle second = await().atMost(Duration.ofSeconds(60))
                    .until(() -> childrenRunning(commandJar), running -> running.size() == 1 && !running.contains(first)).get(0);
            await().atMost(Duration.ofSeconds(60)).until(() -> isHealthy(stack.commandServiceUrl()));
            assertThat(consoleLines()).anySatisfy(line -> assertThat(line)
                    .contains("command-service (pid " + first.pid() + ") died: exit code 137 (killed: SIGKILL)"));
            assertThat(consoleLines()).anySatisfy(line -> assertThat(line).contains("Restarting command-service in 200 ms"));
            assertThat(consoleLines()).anySatisfy(line -> assertThat(line).contains("Restarted command-service (pid " + second.pid() + ")"));
            assertThat(onlyChildRunning(queryJar).isAlive()).as("the rest keeps running").isTrue();

            // from now on it dies as soon as it starts: the second restart's death is the third within the window
            Files.createFile(FakeService.dyingMarker(commandJar));
            second.destroyForcibly();
            int exitStatus = CompletableFuture.supplyAsync(stack::awaitGiveUp).get(60, TimeUnit.SECONDS);

            assertThat(exitStatus).isEqualTo(1);
            assertThat(consoleLines()).anySatisfy(line -> assertThat(line).contains("died: exit code 1"));
            assertThat(consoleLines()).last().asString()
                    .startsWith("command-service died 3 times within 60 s: giving up (see ")
                    .contains("command-service.log");
            assertThat(childrenRunning(commandJar, queryJar, authJar)).as("giving up stops everything").isEmpty();
        }
    }

    /** A probe killed it and nothing said so: the token endpoint stayed down until the stack was restarted. */
    @Test
    void aKilledAuthorizationServerIsReportedAndRestartedOnItsPort() throws Exception {
        try (LocalStack stack = startFake()) {
            String issuer = stack.authIssuer();
            ProcessHandle first = onlyChildRunning(authJar);
            first.destroyForcibly();

            ProcessHandle second = await().atMost(Duration.ofSeconds(60))
                    .until(() -> childrenRunning(authJar), running -> running.size() == 1 && !running.contains(first)).get(0);
            await().atMost(Duration.ofSeconds(60)).until(() -> isHealthy(issuer));
            assertThat(stack.authIssuer()).as("the services know it at the same address").isEqualTo(issuer);
            assertThat(consoleLines()).anySatisfy(line -> assertThat(line)
                    .contains("auth-server (pid " + first.pid() + ") died"));
            assertThat(consoleLines()).anySatisfy(line -> assertThat(line).contains("Restarting auth-server in 200 ms"));
            // logged once its start returned, a moment after it answers
            await().atMost(Duration.ofSeconds(30)).until(() -> consoleLines().stream()
                    .anyMatch(line -> line.contains("Restarted auth-server (pid " + second.pid() + ")")));
        }
        assertThat(childrenRunning(commandJar, queryJar, authJar)).as("stopping the stack stops the restarted one").isEmpty();
    }

    /** A stack of stand-in JVMs, restarted fast. */
    private LocalStack startFake() {
        return LocalStack.start(LocalStackConfig.ephemeral(data.resolve("stack"), commandJar, queryJar, authJar)
                .withRestartPolicy(FAST));
    }

    private List<String> consoleLines() {
        return console.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private boolean isHealthy(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ProcessHandle onlyChildRunning(Path jar) {
        List<ProcessHandle> running = childrenRunning(jar);
        assertThat(running).hasSize(1);
        return running.get(0);
    }

    private static List<ProcessHandle> childrenRunning(Path... jars) {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(child -> child.info().commandLine()
                        .map(line -> List.of(jars).stream().anyMatch(jar -> line.contains(jar.toString())))
                        .orElse(false))
                .toList();
    }
}
