package io.ledgerflow.query.mongo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the projections live: a MongoDB connection string and the database holding every projection collection. */
@ConfigurationProperties("ledgerflow.mongodb")
public record LedgerMongoProperties(String uri, String database) {
}
