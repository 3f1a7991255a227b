package io.ledgerflow.projectionbench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.query.support.Projections;
import io.ledgerflow.testkit.MongoWireServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One poll of {@code events} events (transfers among {@code accounts} funded accounts, {@link TransferWorkload})
 * applied by the query-service's projections, wired as the application wires them, to the MongoDB stand-in on a file
 * (as the local stack runs it) over a socket. The score is the time per poll; per event, divide by {@code events}.
 * Every iteration starts on an empty database with the accounts opened and funded, so each sees the same documents
 * grow the same way. The stand-in's H2 store commits and serialises on a thread of its own, which the time per poll
 * does not show: each iteration also prints the whole JVM's CPU time per event ("cpu per event"). With
 * {@code consumers} 3, each poll is applied by three threads at once, one per partition ({@link PartitionConsumers}),
 * as the local stack's three consumers apply it; with 1 (the default), by one thread as one batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 6, time = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
public class ProjectionBenchmark {

    @Param("200")
    public int accounts;
    @Param("500")
    public int events;
    @Param("1")
    public int consumers;

    private Path directory;
    private MongoWireServer server;
    private MongoClient client;
    private MongoDatabase database;
    private Projections projections;
    private TransferWorkload workload;
    private int iteration;
    private long polls;
    private long cpuAtStart;
    private PartitionConsumers partitionConsumers;

    @Setup(Level.Trial)
    public void startStandIn() throws IOException {
        directory = Files.createTempDirectory("projection-bench");
        server = MongoWireServer.start(0, directory.resolve("ledgerflow.mv"));
        client = MongoClients.create(server.connectionString());
        if (consumers > 1) {
            partitionConsumers = new PartitionConsumers(consumers);
        }
    }

    @Setup(Level.Iteration)
    public void openAndFundTheAccounts() {
        database = client.getDatabase("bench-" + ++iteration);
        projections = new Projections(database);
        workload = new TransferWorkload(accounts, 42);
        projections.applyRecords(workload.opening());
        polls = 0;
        cpuAtStart = processCpuNanos();
    }

    @Benchmark
    public void applyOnePoll() {
        if (partitionConsumers == null) {
            projections.applyRecords(workload.next(events));
        } else {
            partitionConsumers.apply(projections, workload.next(events));
        }
        polls++;
    }

    @TearDown(Level.Iteration)
    public void dropTheDatabase() {
        long cpu = processCpuNanos() - cpuAtStart;
        System.out.printf(Locale.ROOT, "%ncpu per event: %.1f us (%d events)%n",
                cpu / 1_000.0 / Math.max(1, polls * events), polls * events);
        database.drop();
    }

    @TearDown(Level.Trial)
    public void stopStandIn() throws IOException {
        if (partitionConsumers != null) {
            partitionConsumers.close();
        }
        client.close();
        server.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
