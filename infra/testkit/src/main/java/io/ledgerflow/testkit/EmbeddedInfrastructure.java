package io.ledgerflow.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded PostgreSQL, Kafka and MongoDB servers of one JVM, started lazily on ephemeral ports with
 * temporary data and stopped by a JVM shutdown hook (after Spring's own hooks closed their contexts).
 * <p>
 * {@link #shared()} starts all three at once; {@link #onDemand()} starts each one the first time one of its
 * accessors is used (a command-service test never starts MongoDB); {@link #postgres()}, {@link #kafka()} and
 * {@link #mongo()} give the servers themselves. Isolation between test classes comes from fresh names, not fresh servers:
 * {@link #newDatabase()} creates a PostgreSQL database, {@link #newMongoDatabaseName()} names a MongoDB
 * database; for Kafka use unique topic names and consumer group ids.
 */
public final class EmbeddedInfrastructure {

    private static final Duration SPRING_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private static final SharedServer<EmbeddedPostgresServer> POSTGRES = new SharedServer<>("PostgreSQL", EmbeddedPostgresServer::start);
    private static final SharedServer<KafkaKraftBroker> KAFKA = new SharedServer<>("Kafka", KafkaKraftBroker::start);
    private static final SharedServer<MongoWireServer> MONGO = new SharedServer<>("MongoDB wire server", MongoWireServer::start);
    private static final EmbeddedInfrastructure INSTANCE = new EmbeddedInfrastructure();
    private static final AtomicLong NAME_SEQUENCE = new AtomicLong();
    private static volatile boolean allStarted;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedInfrastructure::stopAll, "ledgerflow-embedded-infrastructure-stop"));
    }

    private EmbeddedInfrastructure() {
    }

    /** All three servers, started (in parallel) on first use. */
    public static EmbeddedInfrastructure shared() {
        if (!allStarted) {
            synchronized (EmbeddedInfrastructure.class) {
                if (!allStarted) {
                    startAllInParallel();
                    allStarted = true;
                }
            }
        }
        return INSTANCE;
    }

    /** The same servers, each started only when first needed. */
    public static EmbeddedInfrastructure onDemand() {
        return INSTANCE;
    }

    /** The JVM's PostgreSQL server, started on first use. */
    public static EmbeddedPostgresServer postgres() {
        return POSTGRES.get();
    }

    /** The JVM's Kafka broker, started on first use. */
    public static KafkaKraftBroker kafka() {
        return KAFKA.get();
    }

    /** The JVM's MongoDB wire server, started on first use. */
    public static MongoWireServer mongo() {
        return MONGO.get();
    }

    /** Creates a new, empty PostgreSQL database and returns its JDBC URL. */
    public String newDatabase() {
        return postgres().createDatabase(uniqueName());
    }

    public String postgresUser() {
        return postgres().user();
    }

    public String postgresPassword() {
        return postgres().password();
    }

    public String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    public String mongoConnectionString() {
        return mongo().connectionString();
    }

    /** A MongoDB database name no other caller in this JVM gets (MongoDB creates it on first write). */
    public String newMongoDatabaseName() {
        return uniqueName();
    }

    private static String uniqueName() {
        return "test_" + NAME_SEQUENCE.incrementAndGet() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }

    private static void startAllInParallel() {
        try {
            CompletableFuture<?> postgres = CompletableFuture.runAsync(POSTGRES::get, EmbeddedInfrastructure::startInNewThread);
            CompletableFuture<?> kafka = CompletableFuture.runAsync(KAFKA::get, EmbeddedInfrastructure::startInNewThread);
            MONGO.get();
            CompletableFuture.allOf(postgres, kafka).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static void startInNewThread(Runnable start) {
        Thread thread = new Thread(start, "ledgerflow-embedded-infrastructure-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static void stopAll() {
        ShutdownOrder.awaitSpringShutdownHooks(SPRING_SHUTDOWN_GRACE);
        KAFKA.stop();
        MONGO.stop();
        POSTGRES.stop();
    }
}
