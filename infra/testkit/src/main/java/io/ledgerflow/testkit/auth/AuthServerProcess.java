package io.ledgerflow.testkit.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.JWKSet;
import io.ledgerflow.testkit.FreePorts;

/** The auth-server jar running as a child JVM, from start until healthy, and its stop. */
final class AuthServerProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 60;
    private static final int PORT_ATTEMPTS = 3;
    // the child gets a fresh environment for these, so a developer's own settings cannot leak into it
    private static final List<String> INHERITED_PREFIXES_DROPPED = List.of("LEDGERFLOW_AUTH_", "SPRING_", "SERVER_", "MANAGEMENT_");

    private final Process process;
    private final int port;
    private final Path logFile;

    /**
     * @param jar           the executable auth-server jar
     * @param jwkFile       the signing key the server is given
     * @param keyId         that key's kid, which the server must publish
     * @param audience      the {@code aud} of its tokens
     * @param workDirectory the child's working directory and java.io.tmpdir
     * @param logFile       where the child's output goes (appended)
     * @param environment   further settings of the server (applied before the ones above, which win)
     */
    record Settings(Path jar, Path jwkFile, String keyId, String audience, Path workDirectory, Path logFile,
                    Map<String, String> environment) {
    }

    private AuthServerProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Starts the jar and waits until it is healthy and publishes the key {@code keyId}: a server that
     * answered on the port but is not the child (another instance got there first) would not.
     * Port 0 picks a free port; a picked port that another process takes in the meantime is retried.
     */
    static AuthServerProcess start(Settings settings, int requestedPort, HttpClient http) {
        if (requestedPort != 0) {
            // fails fast: with the port taken, the child would die at its very end, after seconds of start-up
            FreePorts.requireFree(requestedPort, "the authorization server");
        }
        for (int attempt = 1; ; attempt++) {
            int port = requestedPort == 0 ? FreePorts.pick() : requestedPort;
            AuthServerProcess server = launch(settings, port);
            try {
                server.awaitReady(http, settings.keyId());
                return server;
            } catch (RuntimeException failure) {
                server.stop();
                boolean portTaken = requestedPort == 0 && server.logTail().contains("already in use");
                if (!portTaken || attempt == PORT_ATTEMPTS) {
                    throw failure;
                }
            }
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static AuthServerProcess launch(Settings settings, int port) {
        Path workDirectory = settings.workDirectory();
        Path logFile = settings.logFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and the serial GC: about a second faster to start on two cores, plenty for a token server
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + workDirectory, "-jar", settings.jar().toString())
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> INHERITED_PREFIXES_DROPPED.stream().anyMatch(name::startsWith));
        environment.putAll(settings.environment());
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("LEDGERFLOW_AUTH_ISSUER", "http://localhost:" + port);
        environment.put("LEDGERFLOW_AUTH_AUDIENCE", settings.audience());
        environment.put("LEDGERFLOW_AUTH_JWK_FILE", settings.jwkFile().toString());
        environment.put("LEDGERFLOW_AUTH_EXIT_WITH_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            return new AuthServerProcess(builder.start(), port, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + settings.jar(), e);
        }
    }

    private void awaitReady(HttpClient http, String keyId) {
        String base = "http://localhost:" + port;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before it was healthy");
            }
            if (answers200(get(http, base + "/actuator/health")) && publishesKey(get(http, base + "/oauth2/jwks"), keyId)) {
                return;
            }
            pause();
        }
        throw failure("was not healthy, or not publishing key " + keyId + ", within " + START_TIMEOUT.toSeconds() + " s");
    }

    private static boolean answers200(Optional<HttpResponse<String>> response) {
        return response.isPresent() && response.get().statusCode() == 200;
    }

    private static boolean publishesKey(Optional<HttpResponse<String>> jwks, String keyId) {
        try {
            return answers200(jwks) && JWKSet.parse(jwks.get().body()).getKeyByKeyId(keyId) != null;
        } catch (ParseException notAJwkSet) {
            return false;
        }
    }

    private static Optional<HttpResponse<String>> get(HttpClient http, String uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(2)).GET().build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException notListeningYet) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the authorization server", e);
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("the authorization server on port " + port + " " + what
                + "; the last lines of " + logFile + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Arrays.asList(new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).split("\\R"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the authorization server", e);
        }
    }
}
