package io.ledgerflow.query.mongo;

import com.mongodb.MongoClientSettings;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MongoConfigTest {

    @Test
    void a_plain_uri_gets_bounded_waits_for_a_server_a_connection_and_an_answer() {
        MongoClientSettings settings = MongoConfig.settings("mongodb://localhost:27017");

        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.SECONDS)).isEqualTo(30);
    }

    @Test
    void timeouts_named_in_the_uri_win() {
        MongoClientSettings settings = MongoConfig.settings(
                "mongodb://localhost:27017/?serverSelectionTimeoutMS=1500&connectTimeoutMS=700&socketTimeoutMS=90000");

        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(1500);
        assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(700);
        assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(90_000);
    }
}
