package io.ledgerflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 16 server from zonky's binaries, listening on localhost.
 * <p>
 * With a data directory the cluster is kept across restarts (initialised only when empty); without one a
 * temporary cluster is created and deleted on {@link #close()}. Authentication is {@code trust}: the
 * password is accepted but never checked.
 * <p>
 * PostgreSQL refuses to run as root. When the JVM is root, zonky (2.2+) starts initdb, pg_ctl and postgres
 * through {@code unshare -U}: inside a fresh user namespace the process is not uid 0, while the files it
 * creates still belong to root outside. That needs util-linux's {@code unshare} on the PATH.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final int BIND_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean temporary;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean temporary) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
    }

    /** A temporary cluster on an ephemeral port. */
    public static EmbeddedPostgresServer start() {
        return start(0, null, null);
    }

    /**
     * A temporary cluster on an ephemeral port with server settings of its own on top of these (e.g. a small
     * {@code max_locks_per_transaction}, to run out of a resource on purpose).
     */
    public static EmbeddedPostgresServer startWith(Map<String, String> serverConfig) {
        return startPicking(FreePorts::pick, null, null, serverConfig);
    }

    /**
     * @param port          TCP port, 0 for an ephemeral one
     * @param dataDirectory where the cluster lives and is kept; null for a temporary one deleted on close
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory) {
        return start(port, dataDirectory, null);
    }

    /**
     * @param logFile where the server's own output is appended; null to route it through SLF4J
     *                (logger {@code io.zonky.test.db.postgres.embedded.EmbeddedPostgres})
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory, Path logFile) {
        return port == 0 ? startPicking(FreePorts::pick, dataDirectory, logFile)
                : startOn(FreePorts.resolve(port), dataDirectory, logFile, Map.of());
    }

    /**
     * On a port from {@code ports}, asking it for another when the start failed and the port it gave is now taken:
     * a port picked as free can be given to an outgoing connection (of a server starting beside this one) before
     * PostgreSQL binds it.
     */
    static EmbeddedPostgresServer startPicking(IntSupplier ports, Path dataDirectory, Path logFile) {
        return startPicking(ports, dataDirectory, logFile, Map.of());
    }

    private static EmbeddedPostgresServer startPicking(IntSupplier ports, Path dataDirectory, Path logFile,
                                                       Map<String, String> serverConfig) {
        for (int attempt = 1; ; attempt++) {
            int port = ports.getAsInt();
            try {
                return startOn(port, dataDirectory, logFile, serverConfig);
            } catch (RuntimeException e) {
                if (attempt == BIND_ATTEMPTS || FreePorts.isFree(port) || !canStartAgain(e, dataDirectory)) {
                    throw e;
                }
                log.warn("PostgreSQL could not start on a port it picked, {}, now taken; picking again", port);
            }
        }
    }

    /**
     * zonky keeps its lock on the data directory after PostgreSQL failed to start: the half-built
     * {@link EmbeddedPostgres} holds it until it is garbage-collected. So a kept directory can be tried again only
     * when the port was found taken before zonky began; a temporary one is new for each attempt.
     */
    private static boolean canStartAgain(RuntimeException failure, Path dataDirectory) {
        return dataDirectory == null || failure instanceof FreePorts.PortInUseException;
    }

    private static EmbeddedPostgresServer startOn(int chosenPort, Path dataDirectory, Path logFile,
                                                  Map<String, String> serverConfig) {
        requireUnshareWhenRoot();
        boolean temporary = dataDirectory == null;
        if (!temporary) {
            LeftoverPostmaster.stopIfRunning(Directories.createKept(dataDirectory)); // it may hold the very port asked for
        }
        FreePorts.requireFree(chosenPort, "PostgreSQL");
        Path directory = temporary ? Directories.createTemporary("ledgerflow-postgres-") : Directories.createKept(dataDirectory);
        Path binaries = PostgresBinaryCache.directory();
        PostgresBinaryCache.removeInterruptedUnpacks(binaries);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(chosenPort)
                .setDataDirectory(directory)
                .setCleanDataDirectory(false) // a temporary one: by close(), without making the JVM's exit wait
                // the owner of this object stops the server, in an order it chooses (services first)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setLocaleConfig("locale", "C")
                // zonky turns synchronous_commit off; a ledger's tests kill processes and expect no lost commit
                .setServerConfig("synchronous_commit", "on")
                // every cached Spring test context keeps its own connection pool open
                .setServerConfig("max_connections", "500");
        serverConfig.forEach(builder::setServerConfig);
        if (logFile != null) {
            ProcessBuilder.Redirect appendToLog = ProcessBuilder.Redirect.appendTo(Directories.createParentOf(logFile).toFile());
            builder.setOutputRedirector(appendToLog).setErrorRedirector(appendToLog);
        }
        try {
            return new EmbeddedPostgresServer(builder.start(), directory, temporary);
        } catch (IOException e) {
            if (temporary) {
                Directories.deleteQuietly(directory);
            }
            throw new UncheckedIOException("PostgreSQL did not start on port " + chosenPort + " with data in " + directory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** JDBC URL of a database on this server (it need not exist yet). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + requireValidName(database);
    }

    /**
     * Creates the database unless it already exists.
     *
     * @param name lower-case letters, digits and underscores, not starting with a digit, at most 63 characters
     * @return its JDBC URL (credentials not included: use {@link #user()} and {@link #password()})
     */
    public String createDatabase(String name) {
        requireValidName(name);
        try (Connection connection = DriverManager.getConnection(jdbcUrl(MAINTENANCE_DATABASE), USER, PASSWORD)) {
            if (!exists(connection, name)) {
                create(connection, name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** Stops the server (fast shutdown); deletes the data of a temporary cluster, in the background. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
        if (temporary) {
            Directories.deleteDetached(dataDirectory);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on localhost:" + port() + " (data " + dataDirectory + ")";
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void create(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create database \"" + name + "\"");
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // created concurrently by another caller
                throw e;
            }
        }
    }

    private static String requireValidName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid database name: " + name);
        }
        return name;
    }

    private static void requireUnshareWhenRoot() {
        if (RunningUser.isRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root. zonky runs it in a user namespace with"
                    + " 'unshare -U', which failed here: install util-linux (unshare) or run as a non-root user.");
        }
    }
}
