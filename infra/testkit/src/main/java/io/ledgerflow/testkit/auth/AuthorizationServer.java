package io.ledgerflow.testkit.auth;

import io.ledgerflow.testkit.Directories;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The real Ledgerflow authorization server ({@code infra/auth-server}), run from its executable jar as a
 * child JVM, plus what tests need around it: client-credentials tokens obtained over HTTP exactly as a user
 * would, and tokens minted offline with the server's own signing key (or a wrong one) for negative tests.
 * <p>
 * {@link #shared()} is one server per JVM, started on first use and stopped by a shutdown hook. Resource
 * servers under test point at {@link #jwkSetUri()} and validate {@link #issuer()} and {@link #audience()}.
 * The demo clients are {@code alice}, {@code bob} (role client), {@code operator}, {@code viewer},
 * {@code auditor} and {@code admin}, each with the secret {@code <id>-secret}.
 */
public final class AuthorizationServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationServer.class);
    private static final String AUDIENCE = "ledgerflow";
    private static final Object SHARED_LOCK = new Object();
    private static AuthorizationServer shared;
    private static RuntimeException sharedStartFailure;

    private final AuthServerProcess process;
    private final Path workDirectory;
    private final boolean isShared;
    private final ClientCredentialsClient clientCredentials;
    private final TokenMinter minter;

    private AuthorizationServer(AuthServerProcess process, Path workDirectory, boolean isShared, TokenMinter minter, HttpClient http) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.isShared = isShared;
        this.minter = minter;
        this.clientCredentials = new ClientCredentialsClient(URI.create(tokenUri()), http);
    }

    /** The JVM's server, started on first use (thread-safe); {@link #close()} on it does nothing. */
    public static AuthorizationServer shared() {
        synchronized (SHARED_LOCK) {
            if (sharedStartFailure != null) {
                // a start takes up to 90 s to fail: do not make every test class wait for it again
                throw new IllegalStateException("the shared authorization server failed to start earlier", sharedStartFailure);
            }
            if (shared == null) {
                try {
                    shared = launch(0, null, null, Map.of(), true);
                } catch (RuntimeException e) {
                    sharedStartFailure = e;
                    throw e;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "ledgerflow-auth-server-stop"));
            }
            return shared;
        }
    }

    /** A server of its own on a free port, with a temporary key and log, all gone after {@link #close()}. */
    public static AuthorizationServer start() {
        return launch(0, null, null, Map.of(), false);
    }

    /**
     * A server of its own. Port 0 picks a free one. A null {@code jwkFile} or {@code logFile} means a
     * temporary one; a given key file is reused if it exists (so tokens survive a restart), else created.
     */
    public static AuthorizationServer start(int port, Path jwkFile, Path logFile) {
        return launch(port, jwkFile, logFile, Map.of(), false);
    }

    /**
     * {@link #start(int, Path, Path)} with more of the server's settings as environment variables, e.g.
     * {@code LEDGERFLOW_AUTH_DASHBOARD_REDIRECT_URIS} for a dashboard page on another port.
     */
    public static AuthorizationServer start(int port, Path jwkFile, Path logFile, Map<String, String> environment) {
        return launch(port, jwkFile, logFile, environment, false);
    }

    /** The executable jar this class would run, if it has been built. */
    public static Optional<Path> executableJar() {
        return AuthServerJar.existing();
    }

    public String issuer() {
        return "http://localhost:" + process.port();
    }

    public String jwkSetUri() {
        return issuer() + "/oauth2/jwks";
    }

    public String tokenUri() {
        return issuer() + "/oauth2/token";
    }

    public String audience() {
        return AUDIENCE;
    }

    public int port() {
        return process.port();
    }

    /** The server's process: a launcher that keeps it running watches it. */
    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    /**
     * An access token from {@code POST /oauth2/token} (client credentials, basic auth). A token the client
     * got earlier is returned again while it has at least two minutes to live.
     *
     * @throws TokenRequestException if the server refuses, e.g. 401 for a wrong secret
     */
    public String token(String clientId, String secret) {
        return clientCredentials.token(clientId, secret);
    }

    /** {@link #token(String, String)} with the demo secret {@code <clientId>-secret}. */
    public String token(String clientId) {
        return token(clientId, clientId + "-secret");
    }

    /**
     * A token signed with the server's own key, starting from valid claims (iss, aud, sub and client_id
     * {@code alice}, roles [client], iat/nbf now, exp in 5 minutes, jti, kid header) that the customizer may change.
     */
    public String mint(Consumer<JWTClaimsSet.Builder> customizer) {
        return minter.mint(customizer);
    }

    /** A valid token for any subject and roles, registered client or not. */
    public String mintFor(String subject, String... roles) {
        return minter.mint(claims -> TokenMinter.forPrincipal(claims, subject, roles));
    }

    /** Expired five minutes ago (beyond the usual 60 s clock skew). */
    public String expiredToken(String subject, String... roles) {
        return minter.expired(subject, roles);
    }

    public String wrongIssuerToken(String subject, String... roles) {
        return minter.wrongIssuer(subject, roles);
    }

    public String wrongAudienceToken(String subject, String... roles) {
        return minter.wrongAudience(subject, roles);
    }

    /** Signed by an unrelated key that carries the server's kid: only the signature check can reject it. */
    public String foreignKeyToken(String subject, String... roles) {
        return minter.foreignKey(subject, roles);
    }

    /** The same token with one bit of its signature flipped. */
    public String tamper(String jwt) {
        return TokenMinter.tamper(jwt);
    }

    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    @Override
    public String toString() {
        return "AuthorizationServer[" + issuer() + ", pid " + process.pid() + ", log " + logFile() + "]";
    }

    private static AuthorizationServer launch(int port, Path jwkFile, Path logFile, Map<String, String> environment, boolean isShared) {
        Path jar = AuthServerJar.require();
        long startedAt = System.nanoTime();
        Path workDirectory = Directories.createTemporary("ledgerflow-auth-");
        Path key = jwkFile != null ? Directories.createParentOf(jwkFile) : workDirectory.resolve("signing-key.json");
        Path serverLog = logFile != null ? Directories.createParentOf(logFile) : workDirectory.resolve("auth-server.log");
        RSAKey signingKey = SigningKeyFiles.loadOrCreate(key);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AuthServerProcess process;
        try {
            process = AuthServerProcess.start(new AuthServerProcess.Settings(jar, key, signingKey.getKeyID(), AUDIENCE, workDirectory, serverLog, environment), port, http);
        } catch (RuntimeException e) {
            if (Directories.isEmptyFile(serverLog)) {
                Directories.deleteQuietly(workDirectory);
            } else {
                log.warn("The authorization server did not start; its files are kept in {} and {}", workDirectory, serverLog);
            }
            throw e;
        }
        TokenMinter minter = new TokenMinter(signingKey, "http://localhost:" + process.port(), AUDIENCE);
        AuthorizationServer server = new AuthorizationServer(process, workDirectory, isShared, minter, http);
        log.info("Started {} in {} ms", server, (System.nanoTime() - startedAt) / 1_000_000);
        return server;
    }

    private void stop() {
        process.stop();
        Directories.deleteQuietly(workDirectory);
    }
}
