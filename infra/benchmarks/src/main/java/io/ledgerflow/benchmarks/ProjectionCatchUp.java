package io.ledgerflow.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Projection catch-up: how fast the query-service rebuilds its projections from offset zero, in events per second.
 * <p>
 * The query-service's rebuild is the one it does when its MongoDB database is lost ({@code ProjectionGeneration}):
 * an idle consumer checks a marker document every 5 s ({@code idle-event-interval}); once the marker is gone, every
 * consumer seeks its partitions to the beginning and projects the whole topic again, writing per-partition
 * checkpoints ({@code projection_state}, {@code _id "offset:<topic>:<partition>"}, {@code nextOffset}) as it goes.
 * So this probe:
 * <ol>
 *   <li>waits until the projections are settled (the sum of the checkpoints' {@code nextOffset} unchanged for 2 s, at
 *       most {@code ledgerflow.bench.catch-up.settle-seconds}, 60): that sum is the number of records to replay;</li>
 *   <li>drops the projection database;</li>
 *   <li>polls the checkpoints every 100 ms until their sum is back (at most {@code .max-seconds}, 180: the full
 *       benchmark's 300 s warm-up leaves about 430,000 events).</li>
 * </ol>
 * Rate = records replayed / time from the first checkpoint written to the last one needed (the detection delay, up
 * to 5 s, is reported apart). Not finished in time: the rate so far, flagged. With {@link StackProcesses} configured,
 * CPU snapshots {@code catch-up-start} / {@code catch-up-end} bracket the rebuild. Only for a throwaway stack: the
 * projections are gone until rebuilt.
 * <p>
 * {@code -Dledgerflow.bench.mongo-uri} [mongodb://127.0.0.1:27017] (loopback only), {@code .mongo-database}
 * [ledgerflow], {@code .topic} [ledger.events.v1]. Usage: {@code ProjectionCatchUp <results.properties>}.
 */
public final class ProjectionCatchUp {

    private static final long POLL_MILLIS = 100;

    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private final String topic;

    private ProjectionCatchUp(MongoDatabase database, String topic) {
        this.database = database;
        this.state = database.getCollection("projection_state");
        this.topic = topic;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: ProjectionCatchUp <results.properties>");
            System.exit(2);
        }
        java.util.logging.Logger.getLogger("org.mongodb.driver").setLevel(java.util.logging.Level.WARNING);
        String uri = System.getProperty("ledgerflow.bench.mongo-uri", "mongodb://127.0.0.1:27017");
        Targets.requireLoopback("ledgerflow.bench.mongo-uri", URI.create(uri).getHost());
        Properties results;
        try (MongoClient client = MongoClients.create(uri)) {
            ProjectionCatchUp probe = new ProjectionCatchUp(
                    client.getDatabase(System.getProperty("ledgerflow.bench.mongo-database", "ledgerflow")),
                    System.getProperty("ledgerflow.bench.topic", "ledger.events.v1"));
            results = probe.run(Integer.getInteger("ledgerflow.bench.catch-up.settle-seconds", 60),
                    Integer.getInteger("ledgerflow.bench.catch-up.max-seconds", 180));
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            results.store(out, "projection rebuild from offset zero");
        }
        System.out.println("ProjectionCatchUp: " + new java.util.TreeMap<>(results));
    }

    private Properties run(int settleSeconds, int maxSeconds) throws InterruptedException {
        Properties results = new Properties();
        long settleDeadline = System.nanoTime() + settleSeconds * 1_000_000_000L;
        long total = checkpointed();
        int unchanged = 0;
        while (unchanged < 4 && System.nanoTime() < settleDeadline) {
            Thread.sleep(500);
            long now = checkpointed();
            unchanged = now == total ? unchanged + 1 : 0;
            total = now;
        }
        results.setProperty("settled", Boolean.toString(unchanged >= 4));
        results.setProperty("events", Long.toString(total));
        if (total == 0) {
            throw new IllegalStateException("no projection checkpoints for topic " + topic + ": nothing to rebuild");
        }
        StackProcesses.snapshotIfConfigured("catch-up-start");
        long dropped = System.nanoTime();
        database.drop();
        long first = 0;
        long firstCount = 0;
        long count = 0;
        long deadline = dropped + maxSeconds * 1_000_000_000L;
        long now = dropped;
        while (count < total && now < deadline) {
            Thread.sleep(POLL_MILLIS);
            count = checkpointed();
            now = System.nanoTime();
            if (first == 0 && count > 0) {
                first = now;
                firstCount = count;
            }
        }
        StackProcesses.snapshotIfConfigured("catch-up-end");
        boolean done = count >= total;
        results.setProperty("done", Boolean.toString(done));
        results.setProperty("projected", Long.toString(Math.min(count, total)));
        results.setProperty("detectionSeconds", format(((first == 0 ? now : first) - dropped) / 1e9));
        if (first != 0 && now > first) {
            double seconds = (now - first) / 1e9;
            results.setProperty("seconds", format(seconds));
            results.setProperty("eventsPerSecond", format((Math.min(count, total) - firstCount) / seconds));
        }
        return results;
    }

    /** Records projected so far: the sum of the topic's partition checkpoints. */
    private long checkpointed() {
        long sum = 0;
        for (Document checkpoint : state.find(Filters.eq("topic", topic))) {
            if (checkpoint.get("nextOffset") instanceof Number next) {
                sum += next.longValue();
            }
        }
        return sum;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
