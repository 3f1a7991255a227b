package io.ledgerflow.query.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/** A plain driver client (no Spring Data): projections need upserts and filters, nothing a repository adds. */
@Configuration(proxyBeanMethods = false)
public class MongoConfig {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(LedgerMongoProperties properties, MeterRegistry meters) {
        // mongodb.driver.commands: round trips by command and collection, where a projection's time goes
        return MongoClients.create(MongoClientSettings.builder(settings(properties.uri()))
                .addCommandListener(new MongoMetricsCommandListener(meters))
                .build());
    }

    /**
     * The driver's defaults wait 30 s for a server and forever for an answer on an open socket, while a request
     * thread waits with them. Bounded here: 5 s to find a server (then the read answers 503), 5 s to connect, 30 s for
     * an answer. Options given in the URI ({@code serverSelectionTimeoutMS}, {@code connectTimeoutMS},
     * {@code socketTimeoutMS}) win.
     */
    static MongoClientSettings settings(String uri) {
        return MongoClientSettings.builder()
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS)
                        .readTimeout(30, TimeUnit.SECONDS))
                .applyConnectionString(new ConnectionString(uri))
                .build();
    }

    @Bean
    MongoDatabase projectionDatabase(MongoClient client, LedgerMongoProperties properties) {
        return client.getDatabase(properties.database());
    }

    @Bean
    ProjectionCollections projectionCollections(MongoDatabase database) {
        ProjectionCollections collections = new ProjectionCollections(database);
        collections.createIndexes();
        return collections;
    }
}
