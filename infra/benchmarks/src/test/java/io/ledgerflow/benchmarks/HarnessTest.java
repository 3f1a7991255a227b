package io.ledgerflow.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's own arithmetic and parsing; no load, no timings. */
class HarnessTest {

    @Test
    void nearestRankPercentiles() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted on purpose
        }
        Percentiles percentiles = new Percentiles(nanos);
        assertEquals(50.0, percentiles.millis(50));
        assertEquals(95.0, percentiles.millis(95));
        assertEquals(99.0, percentiles.millis(99));
        assertEquals(100.0, percentiles.maxMillis());
        assertEquals(7.0, new Percentiles(new long[] {7_000_000}).millis(99));
    }

    @Test
    void readsTheGlobalFiguresOfGatlingsStatsJs() {
        String statsJs = """
                var stats = {
                    type: "GROUP",
                name: "All Requests",
                path: "",
                stats: {
                    "name": "All Requests",
                    "numberOfRequests": {"total": "2000", "ok": "1990", "ko": "10"},
                    "maxResponseTime": {"total": "3323", "ok": "3323", "ko": "-"},
                    "percentiles1": {"total": "121", "ok": "121", "ko": "-"},
                    "percentiles2": {"total": "271", "ok": "271", "ko": "-"},
                    "percentiles3": {"total": "660", "ok": "660", "ko": "-"},
                    "percentiles4": {"total": "1059", "ok": "1059", "ko": "-"},
                    "group1": {"name": "t < 800 ms", "count": 1947, "percentage": 97.35000000000001},
                    "meanNumberOfRequestsPerSecond": {"total": "37.04", "ok": "37.04", "ko": "-"}
                },
                contents: {
                "req_deposit-1554454174": { type: "REQUEST", name: "deposit" }
                }
                }
                """;
        assertEquals(new GatlingStats(2000, 10, 37.04, 121, 271, 660, 1059, 3323), GatlingStats.parse(statsJs));
    }

    @Test
    void theLedgerAuditComparesASettlementAccountsShardsSummedWithWhatTheQuerySideAnswers() {
        LedgerAudit.Balances store = new LedgerAudit.Balances(
                Map.of("@world:USD", -700L, "@world:USD:3", -300L, "acc-1", 1_000L),
                Map.of("@world:USD", "USD", "@world:USD:3", "USD", "acc-1", "USD"));

        assertEquals(Map.of("@world:USD", -1_000L, "acc-1", 1_000L), store.postedByApiAccount());
        assertEquals(Map.of("USD", 0L), store.sumByCurrency());
        assertEquals("@world:EUR", LedgerAudit.settlementAccountOf("@world:EUR:7"));
        assertEquals("acc:7", LedgerAudit.settlementAccountOf("acc:7"));
    }

    @Test
    void lockWaitSamplesSayHowOftenAnyoneWaitedAndHowManyOnAverage() {
        LockWaits.Summary summary = LockWaits.Summary.of(List.of(0, 3, 0, 1, 0, 0, 0, 4));

        assertEquals(new LockWaits.Summary(8, 3, 1.0, 4), summary);
        assertEquals("LockWaits: {samples=8, samplesWithAWaiter=3, share=38 %, meanWaiting=1.00, maxWaiting=4}",
                summary.line());
        assertEquals(new LockWaits.Summary(0, 0, 0.0, 0), LockWaits.Summary.of(List.of()));
    }

    @Test
    void parsesJson() {
        assertEquals(Map.of("a", List.of(1, "x\"y", true), "b", Map.of()),
                Json.parse(" {\"a\": [1, \"x\\\"y\", true], \"b\": {}} "));
        assertEquals(42L, Json.longField("{\"id\":\"A\",\"version\":42}", "version").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
    }

    @Test
    void sendsLoadOnlyToLoopbackAddresses() {
        Targets.requireLoopback("test", "127.0.0.1");
        Targets.requireLoopback("test", "::1");
        assertThrows(IllegalArgumentException.class, () -> Targets.requireLoopback("test", "10.1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> Targets.requireLoopback("test", "192.168.0.10"));
    }

    @Test
    void readsCpuTicksFromProcStatEvenWithParenthesesInTheCommandName() {
        // proc(5): pid (comm) state ppid ... field 14 utime, 15 stime, 16 cutime, 17 cstime
        String stat = "4242 (java (main) x) S 17 4242 4242 0 -1 4194560 1 2 3 4 1234 567 89 10 20 0 42 0 5 0 0";
        ProcStat parsed = ProcStat.parse(stat);
        assertEquals(new ProcStat(17, 1234, 567, 89, 10), parsed);
        assertEquals(1801, parsed.ownTicks());
        assertEquals(1900, parsed.withReapedChildrenTicks());
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("no parentheses here"));
    }

    @Test
    void readsPeakResidentMemoryFromProcStatus() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  400000 kB\nThreads:\t42\n";
        assertEquals(OptionalLong.of(524288), ProcStat.statusKilobytes(status, "VmHWM"));
        assertEquals(OptionalLong.of(400000), ProcStat.statusKilobytes(status, "VmRSS"));
        assertEquals(OptionalLong.empty(), ProcStat.statusKilobytes(status, "VmSwap"));
    }

    @Test
    void cpuMillisecondsPerTransferFromTwoSnapshots() {
        Map<String, Long> pids = Map.of("command-service", 10L, "query-service", 11L, "postgresql", 12L);
        CpuSnapshot before = new CpuSnapshot(1_000, 100, pids,
                Map.of("command-service", 1_000L, "query-service", 500L, "postgresql", 200L), Map.of());
        // postgresql restarted under another pid: its ticks cannot be compared, so it is left out
        CpuSnapshot after = new CpuSnapshot(61_000, 100, Map.of("command-service", 10L, "query-service", 11L, "postgresql", 99L),
                Map.of("command-service", 7_900L, "query-service", 1_500L, "postgresql", 5L), Map.of());
        Map<String, Double> millis = after.cpuMillisSince(before, StackProcesses.NAMES);
        assertEquals(Map.of("command-service", 69_000.0, "query-service", 10_000.0), millis);
        assertEquals(60.0, after.secondsSince(before));
        Map<String, Double> perTransfer = ThroughputFigures.perUnit(millis, 10_000);
        assertEquals(6.9, perTransfer.get("command-service"), 1e-9);
        assertEquals(1.0, perTransfer.get("query-service"), 1e-9);
        assertEquals(7.9, ThroughputFigures.total(perTransfer), 1e-9);
        assertTrue(Double.isNaN(CpuSnapshot.perUnit(5, 0)));
    }

    @Test
    void cpuSnapshotsSurviveTheirPropertiesFile(@TempDir Path directory) {
        CpuSnapshot snapshot = new CpuSnapshot(123, 100, Map.of("launcher", 7L), Map.of("launcher", 4_205L),
                Map.of("launcher", 329_944L));
        snapshot.store(directory.resolve("cpu").resolve("start.properties"));
        assertEquals(snapshot, CpuSnapshot.load(directory.resolve("cpu").resolve("start.properties")).orElseThrow());
        assertTrue(CpuSnapshot.load(directory.resolve("missing.properties")).isEmpty());
    }

    @Test
    void queryCpuPerReadLessTheProjectionWorkOfTheSameWindow() {
        // 30 s of reads: 27,000 ms of query-service CPU, of which 1,500 transfers x 1.0 ms projecting them
        assertEquals(0.85, ThroughputFigures.cpuPerRead(27_000, 1.0, 1_500, 30_000), 1e-9);
        assertEquals(0.0, ThroughputFigures.cpuPerRead(1_000, 1.0, 2_000, 10), 1e-9); // never negative
    }

    @Test
    void millisecondHistogramPercentiles() {
        MillisHistogram histogram = new MillisHistogram();
        for (int i = 1; i <= 100; i++) {
            histogram.record(101 - i); // 100 ms down to 1 ms
        }
        histogram.record(-3); // clamped to 0
        assertEquals(101, histogram.count());
        assertEquals(50.0, histogram.percentile(50));
        assertEquals(99.0, histogram.percentile(99));
        assertEquals(100.0, histogram.max());
        assertTrue(Double.isNaN(new MillisHistogram().percentile(99)));
    }

    private static final List<String> POSTGRES_LOG = List.of(
            "2026-11-30 20:38:44.946 UTC [12254] LOG:  statement: ",
            "2026-11-30 20:38:44.982 UTC [12254] LOG:  statement: BEGIN",
            "2026-11-30 20:38:44.983 UTC [12254] LOG:  execute S_14: select pg_advisory_xact_lock($1)",
            "2026-11-30 20:38:44.983 UTC [12254] DETAIL:  parameters: $1 = '7767846323102891117'",
            "2026-11-30 20:38:44.984 UTC [12258] LOG:  statement: BEGIN",
            "2026-11-30 20:38:44.985 UTC [12254] LOG:  execute <unnamed>: SELECT n.nspname, t.typname FROM pg_catalog.pg_type t",
            "2026-11-30 20:38:44.986 UTC [12254] LOG:  execute S_15: SELECT eventIdentifier FROM SnapshotEventEntry WHERE aggregateIdentifier = $1 ORDER BY sequenceNumber DESC",
            "2026-11-30 20:38:44.986 UTC [12254] DETAIL:  parameters: $1 = 'transfer/t-1'",
            "2026-11-30 20:38:44.987 UTC [12258] LOG:  execute <unnamed>: UPDATE TokenEntry SET token = $1",
            "2026-11-30 20:38:44.990 UTC [12254] LOG:  execute S_10: SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = $1 AND sequenceNumber >= $2",
            "2026-11-30 20:38:44.990 UTC [12254] DETAIL:  parameters: $1 = 'transfer/t-1', $2 = '0'",
            "2026-11-30 20:38:45.055 UTC [12254] LOG:  execute S_11: INSERT INTO DomainEventEntry (eventIdentifier) VALUES ($1)",
            "2026-11-30 20:38:45.057 UTC [12254] LOG:  execute S_1: COMMIT",
            "2026-11-30 20:38:45.059 UTC [12254] LOG:  statement: BEGIN",
            "2026-11-30 20:38:46.663 UTC [11790] LOG:  received SIGHUP, reloading configuration files");

    @Test
    void findsTheTransactionOfOneTransferInPostgresStatementLog() {
        List<StatementLog.Statement> statements = StatementLog.parse(POSTGRES_LOG);
        assertEquals(11, statements.size());
        List<StatementLog.Statement> transaction = StatementLog.transactionNaming(statements, "'transfer/t-1'").orElseThrow();
        assertEquals(List.of("begin", "lock", "catalog", "snapshot-read", "event-read", "event-insert", "commit"),
                transaction.stream().map(StatementLog.Statement::kind).toList());
        assertEquals("$1 = '7767846323102891117'", transaction.get(1).parameters());
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("total", 6);
        List.of("begin", "lock", "catalog", "snapshot-read", "event-read", "event-insert", "commit").forEach(kind -> expected.put(kind, 1));
        assertEquals(expected, StatementLog.countByKind(transaction));
        assertTrue(StatementLog.transactionNaming(statements, "'transfer/t-2'").isEmpty());
    }

    @Test
    void theReportNamesTheKindsOfStatementWhereTheBaselineDiffersFromTheService() {
        Properties captured = new Properties();
        List.of("begin", "lock", "event-read", "commit").forEach(kind -> captured.setProperty("statements." + kind, "1"));
        captured.setProperty("statements.event-insert", "3");
        Properties same = new Properties();
        List.of("begin", "lock", "event-read", "commit").forEach(kind -> same.setProperty("statementsPerTransfer." + kind, "1.00"));
        same.setProperty("statementsPerTransfer.event-insert", "3.00");
        same.setProperty("statementsPerTransfer.snapshot-write", "0.02"); // outside the transfer's transaction
        assertEquals("", ThroughputReport.baselineDifferences(captured, same));

        Properties older = new Properties();
        older.putAll(same);
        older.setProperty("statementsPerTransfer.lock", "3.00");
        older.setProperty("statementsPerTransfer.snapshot-read", "3.02");
        assertEquals("lock: service 1, baseline 3.00, snapshot-read: service 0, baseline 3.02",
                ThroughputReport.baselineDifferences(captured, older));
    }

    @Test
    void theReportComparesKeyedTransfersWithTheSameLoadWithoutKeys(@TempDir Path run) throws Exception {
        Path pass = run.resolve("snapshots-on");
        gatlingReport(pass.resolve("spread"), 24000, "400.0", 31, 139);
        gatlingReport(pass.resolve("spread-keyed"), 6000, "100.0", 150, 420);

        String report = ThroughputReport.render(pass);

        assertTrue(report.matches("(?s).*the same load with an Idempotency-Key on each \\(30 s\\) +\\| "
                + "100\\.0/s \\(p50 150 ms, p99 420 ms\\), 0\\.25x the rate without .*"), report);
        assertTrue(Summary.render(run).matches("(?s).*spread transfers, Idempotency-Key +6000 +0 +100\\.0 +150 .*"),
                Summary.render(run));
    }

    private static void gatlingReport(Path folder, int requests, String perSecond, int p50, int p99) throws Exception {
        Path js = Files.createDirectories(folder.resolve("run-1").resolve("js"));
        Files.writeString(js.resolve("stats.js"), """
                var stats = { stats: {
                    "numberOfRequests": {"total": "%d", "ok": "%d", "ko": "0"},
                    "maxResponseTime": {"total": "900", "ok": "900", "ko": "-"},
                    "percentiles1": {"total": "%d", "ok": "%d", "ko": "-"},
                    "percentiles2": {"total": "%d", "ok": "%d", "ko": "-"},
                    "percentiles3": {"total": "%d", "ok": "%d", "ko": "-"},
                    "percentiles4": {"total": "%d", "ok": "%d", "ko": "-"},
                    "meanNumberOfRequestsPerSecond": {"total": "%s", "ok": "%s", "ko": "-"}
                }}
                """.formatted(requests, requests, p50, p50, p99, p99, p99, p99, p99, p99, perSecond, perSecond));
    }

    @Test
    void theReportSaysWhatWasNotMeasured(@TempDir Path pass) throws Exception {
        Properties baseline = new Properties();
        baseline.setProperty("tps", "7500.0");
        baseline.setProperty("latency.p50", "1.0");
        baseline.setProperty("latency.p99", "3.0");
        ResultsFile.store(pass.resolve("baseline.properties"), baseline, "test");
        Properties load = new Properties();
        load.setProperty("transfers", "10000");
        load.setProperty("transfersPerSecond", "175.0");
        ResultsFile.store(pass.resolve("spread-load.properties"), load, "test");
        Map<String, Long> pids = Map.of("command-service", 10L, "query-service", 11L);
        new CpuSnapshot(0, 100, pids, Map.of("command-service", 0L, "query-service", 0L), Map.of()).store(pass.resolve("cpu/spread-start.properties"));
        new CpuSnapshot(60_000, 100, pids, Map.of("command-service", 6_900L, "query-service", 1_000L),
                Map.of("command-service", 600L * 1024, "query-service", 300L * 1024)).store(pass.resolve("cpu/spread-end.properties"));
        Files.createDirectories(pass.resolve("spread")); // no Gatling report in it

        assertTrue(ThroughputReport.present(pass));
        String report = ThroughputReport.render(pass);
        assertTrue(report.contains("7,500 tps (p50 1.0 ms, p99 3.0 ms)"), report);
        assertTrue(report.matches("(?s).*CPU ms per transfer, all processes \\(load window only\\) +\\| 7.90 ms .*"), report);
        assertTrue(report.contains("batch API, batches of 100 (transfers/s)"), report);
        assertFalse(report.contains("CPU ms per transfer in batches of 100"), "no batch snapshots, no batch CPU rows");
        assertTrue(report.matches("(?s).*max RSS \\(VmHWM\\), command-service +\\| 600 MB +\\| < 512 MB +\\| no.*"), report);
        assertTrue(report.matches("(?s).*projection catch-up, rebuild from offset zero +\\| not measured.*"), report);
        assertFalse(ThroughputReport.present(pass.resolve("elsewhere")));
    }

    @Test
    void theBatchRowSaysWhatEachProcessSpentPerBatchedTransfer(@TempDir Path pass) throws Exception {
        Properties batch = new Properties();
        batch.setProperty("batch.100.transfers", "60000");
        batch.setProperty("batch.100.transfers-per-second", "3000.0");
        ResultsFile.store(pass.resolve("batch.properties"), batch, "test");
        Map<String, Long> pids = Map.of("command-service", 10L, "query-service", 11L);
        new CpuSnapshot(0, 100, pids, Map.of("command-service", 500L, "query-service", 100L), Map.of())
                .store(pass.resolve("cpu/batch-100-start.properties"));
        // 16,200 and 6,000 ms of CPU over 60,000 transfers: 0.27 and 0.10 ms each
        new CpuSnapshot(20_000, 100, pids, Map.of("command-service", 2_120L, "query-service", 700L), Map.of())
                .store(pass.resolve("cpu/batch-100-end.properties"));

        String report = ThroughputReport.render(pass);

        assertTrue(report.contains("3,000/s"), report);
        assertTrue(report.matches("(?s).*CPU ms per transfer in batches of 100, all processes +\\| 0.37 ms .*"), report);
        assertTrue(report.matches("(?s).*\n {4}command-service +\\| 0.27 ms .*"), report);
        assertTrue(report.matches("(?s).*\n {4}query-service +\\| 0.10 ms .*"), report);
    }

    @Test
    void theLagIsSplitWhereTheLedgerTopicSawEachProbeTransfer(@TempDir Path pass) throws Exception {
        LagStages stages = new LagStages(3);
        // event created at 1,000; sent 40 ms later; a consumer got it 5 ms after that; the read showed it 30 ms later
        stages.add(new KafkaArrivals.Arrival(1_000, 1_040, 1_045), 1_075);
        stages.add(new KafkaArrivals.Arrival(2_000, 2_200, 2_210), 2_300);
        stages.add(null, 3_000); // its record was not seen: left out, not counted as zero
        Properties lag = new Properties();
        stages.putInto(lag);
        assertEquals("2", lag.getProperty("stage.samples"));
        assertEquals("40", lag.getProperty("stage.publish.p50"));
        assertEquals("200", lag.getProperty("stage.publish.p99"));
        assertEquals("5", lag.getProperty("stage.deliver.p50"));
        assertEquals("90", lag.getProperty("stage.project.max"));

        Properties mix = new Properties();
        mix.setProperty("transferRate", "150");
        lag.forEach((key, value) -> mix.setProperty("lag." + key, (String) value));
        ResultsFile.store(pass.resolve("mix.properties"), mix, "test");
        Properties idle = new Properties();
        idle.setProperty("samples", "200");
        idle.setProperty("timeouts", "0");
        idle.setProperty("endToEnd.p50", "41.0");
        idle.setProperty("endToEnd.p99", "88.0");
        ResultsFile.store(pass.resolve("lag-idle.properties"), idle, "test");
        String report = ThroughputReport.render(pass);
        assertTrue(report.contains("publish (event created -> publisher sent it) 40 / 200"), report);
        assertTrue(report.contains("project (got -> the query-service's read showed it) 30 / 90"), report);
        assertTrue(report.contains("lag on the stack otherwise idle, one transfer at a time (200 samples, 0 timed out):"
                + " end-to-end p50 41.0 / p99 88.0 ms"), report);
        assertFalse(report.contains("its split"), "no split without the topic: " + report);
    }
}
