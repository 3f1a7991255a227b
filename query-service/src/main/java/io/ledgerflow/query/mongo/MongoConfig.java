package io.ledgerflow.query.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A plain driver client (no Spring Data): projections need upserts and filters, nothing a repository adds. */
@Configuration(proxyBeanMethods = false)
public class MongoConfig {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(LedgerMongoProperties properties) {
        return MongoClients.create(properties.uri());
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
