package io.ledgerflow.query.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.mongodb.client.model.Filters.eq;

/** Projections against the real MongoDB wire server of the test kit, in a fresh database per test. */
public abstract class ProjectionTestBase {

    protected static MongoClient client;

    protected MongoDatabase database;
    protected Projections projections;
    protected LedgerStream stream;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(Infrastructure.mongoConnectionString());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = newDatabase();
        projections = new Projections(database);
        stream = new LedgerStream();
    }

    protected static MongoDatabase newDatabase() {
        return client.getDatabase(Infrastructure.newMongoDatabaseName());
    }

    protected Document account(String id) {
        return database.getCollection("accounts").find(eq("_id", id)).first();
    }

    protected Document transfer(String id) {
        return database.getCollection("transfers").find(eq("_id", id)).first();
    }
}
