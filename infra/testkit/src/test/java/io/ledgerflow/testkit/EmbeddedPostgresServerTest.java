package io.ledgerflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void servesSqlOverJdbcInAFreshDatabase() throws SQLException {
        EmbeddedPostgresServer postgres = EmbeddedInfrastructure.postgres();
        String url = postgres.createDatabase("ledger_smoke");

        try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            assertThat(queryLong(statement, "select 1")).isEqualTo(1);
            statement.execute("create table accounts (id text primary key, posted bigint not null)");
            statement.execute("insert into accounts values ('acc-1', 7500)");
            assertThat(queryLong(statement, "select posted from accounts where id = 'acc-1'")).isEqualTo(7500);
        }
    }

    @Test
    void aPickedPortTakenBeforePostgresBindsItIsPickedAgain() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Iterator<Integer> firstPick = List.of(taken.getLocalPort()).iterator();
            try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPicking(
                    () -> firstPick.hasNext() ? firstPick.next() : FreePorts.pick(), null, null)) {
                assertThat(postgres.port()).isNotEqualTo(taken.getLocalPort());
                try (Connection connection = DriverManager.getConnection(postgres.createDatabase("picked_again"),
                        postgres.user(), postgres.password()); Statement statement = connection.createStatement()) {
                    assertThat(queryLong(statement, "select 1")).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aKeptDataDirectoryIsStartedOnAnotherPickWhenThePickedPortWasTakenFirst(@TempDir Path dataDirectory) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Iterator<Integer> firstPick = List.of(taken.getLocalPort()).iterator();
            try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startPicking(
                    () -> firstPick.hasNext() ? firstPick.next() : FreePorts.pick(), dataDirectory, null)) {
                assertThat(postgres.port()).isNotEqualTo(taken.getLocalPort());
                assertThat(postgres.dataDirectory()).isEqualTo(dataDirectory);
            }
        }
    }

    @Test
    void aFixedPortThatIsTakenFailsAtOnce() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(taken.getLocalPort(), null))
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void createDatabaseIsIdempotentAndRejectsUnsafeNames() {
        EmbeddedPostgresServer postgres = EmbeddedInfrastructure.postgres();

        assertThat(postgres.createDatabase("twice")).isEqualTo(postgres.createDatabase("twice"))
                .isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/twice");
        assertThatThrownBy(() -> postgres.createDatabase("x\"; drop database postgres; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeptDataDirectorySurvivesARestart(@TempDir Path dataDirectory) throws SQLException {
        String url;
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(0, dataDirectory)) {
            url = first.createDatabase("ledgerflow");
            execute(first, url, "create table kept (value bigint)", "insert into kept values (42)");
        }

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(0, dataDirectory)) {
            String sameDatabase = second.createDatabase("ledgerflow");
            try (Connection connection = DriverManager.getConnection(sameDatabase, second.user(), second.password());
                 Statement statement = connection.createStatement()) {
                assertThat(queryLong(statement, "select value from kept")).isEqualTo(42);
            }
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();
    }

    @Test
    void aTemporaryClustersDataIsDeletedOnceItHasStopped() throws Exception {
        Path data;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start()) {
            data = postgres.dataDirectory();
            assertThat(data.resolve("PG_VERSION")).exists();
        }
        // deleted by a process of its own, so that close() (and a JVM's exit) does not wait for it
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Files.exists(data) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void refusesADataDirectoryARunningServerOwns(@TempDir Path dataDirectory) {
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(0, dataDirectory)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(0, dataDirectory))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            assertThat(running.createDatabase("still_serving")).contains("/still_serving");
        }
    }

    private static void execute(EmbeddedPostgresServer server, String url, String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password());
             Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static long queryLong(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }
}
