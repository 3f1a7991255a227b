package io.ledgerflow.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void theHalfTransferProbeAddsUpAListsPostedBalancesAndCountsTheListsThatAreOff() {
        assertEquals(new HalfTransferProbe.Listed(1_250L, 7L), HalfTransferProbe.Listed.of("{\"items\":[{\"id\":\"a\","
                + "\"posted\":1000,\"available\":1000,\"version\":4},{\"id\":\"b\",\"posted\":250,\"version\":3}],"
                + "\"next\":null}"));
        assertEquals(new HalfTransferProbe.Listed(0L, 0L), HalfTransferProbe.Listed.of("{\"items\":[]}"));

        HalfTransferProbe.Counts counts = new HalfTransferProbe.Counts();
        counts.add(0L, 10);
        counts.add(-30L, 12);
        counts.add(0L, 12);
        counts.add(12L, 11);
        counts.add(0L, 15);
        Map<Object, Object> figures = new LinkedHashMap<>(counts.toProperties());
        assertEquals(Map.of("lists", "5", "halfLists", "2", "maxOff", "30", "halfPercent", "40.00",
                "advancingLists", "2"), figures);
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
}
