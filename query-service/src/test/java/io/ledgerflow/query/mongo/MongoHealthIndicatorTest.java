package io.ledgerflow.query.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerflow.query.support.Infrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness probe's MongoDB check: UP over the wire server, DOWN (not hanging) when nothing answers. */
class MongoHealthIndicatorTest {

    @Test
    void up_when_mongodb_answers_a_ping() {
        try (MongoClient client = client(Infrastructure.mongoConnectionString())) {
            Health health = new MongoHealthIndicator(client.getDatabase("ledgerflow")).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("database", "ledgerflow");
        }
    }

    @Test
    void down_when_nothing_listens_where_mongodb_should_be() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (MongoClient client = client("mongodb://127.0.0.1:" + closedPort)) {
            Health health = new MongoHealthIndicator(client.getDatabase("ledgerflow")).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        }
    }

    private static MongoClient client(String uri) {
        return MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                .build());
    }
}
