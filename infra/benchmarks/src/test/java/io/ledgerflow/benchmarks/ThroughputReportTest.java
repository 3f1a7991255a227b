package io.ledgerflow.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the report says, from the files a benchmark run leaves; no load, no timings. */
class ThroughputReportTest {

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
        Properties load = new Properties();
        load.setProperty("transfersPerSecond", "410.0");
        ResultsFile.store(pass.resolve("spread-load.properties"), load, "test");
        assertTrue(Summary.render(run).contains("Issue 8: throughput"), Summary.render(run));
        assertTrue(Summary.render(run).contains("Per simulation, Gatling's own figures over each whole run"), Summary.render(run));
    }

    @Test
    void theSummarySaysHowManyAccountListsShowedHalfATransfer(@TempDir Path run) throws Exception {
        HalfTransferProbe.Counts counts = new HalfTransferProbe.Counts();
        List.of(0L, 40L, 0L, -75L).forEach(off -> counts.add(off, 100 + off));
        Properties probe = counts.toProperties();
        probe.setProperty("accounts", "8");
        probe.setProperty("writers", "8");
        probe.setProperty("seconds", "20");
        probe.setProperty("transfers", "2437");
        probe.setProperty("settled", "true");
        ResultsFile.store(run.resolve("snapshots-on").resolve("half-transfers.properties"), probe, "test");

        String summary = Summary.render(run);

        assertTrue(summary.contains("one owner's 8 accounts, 8 writers moving money only among them for 20 s"
                + " (2437 transfers);"), summary);
        assertTrue(summary.contains("2 of 4 account lists (50.00 %) did not add up to what was deposited"
                + " (largest difference 75); 1 showed newer transfers than every list before them; settled afterwards,"
                + " showing every transfer"), summary);
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
    void theDepositRowsTakeTheSteadyWindowOverGatlingsMean(@TempDir Path pass) throws Exception {
        gatlingReport(pass.resolve("hot"), 25600, "984.6", 108, 428);
        gatlingReport(pass.resolve("many-16"), 16000, "533.3", 25, 89);
        gatlingReport(pass.resolve("many"), 25600, "984.6", 110, 396);
        steadyWindow(pass.resolve("hot-load.properties"), "1187.4", "212");
        steadyWindow(pass.resolve("many-16-load.properties"), "640.0", "61");

        String report = ThroughputReport.render(pass);

        assertTrue(report.matches("(?s).*deposits into one hot account \\(128 users\\) +\\| 1,187\\.4/s \\(p99 212 ms, steady window\\)"
                + " +\\| >= 1,000/s +\\| yes.*"), report);
        // no window for the 128 users: Gatling's figure, against the 16 users' window
        assertTrue(report.matches("(?s).*deposits spread over 1,000 accounts \\(128 users\\) +\\| 984\\.6/s \\(p99 396 ms\\),"
                + " 1\\.54x its 640\\.0/s at 16 users .*"), report);
    }

    private static void steadyWindow(Path file, String perSecond, String p99) {
        Properties window = new Properties();
        window.setProperty("depositsPerSecond", perSecond);
        window.setProperty("p99", p99);
        ResultsFile.store(file, window, "test");
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
