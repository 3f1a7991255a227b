package io.ledgerflow.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
