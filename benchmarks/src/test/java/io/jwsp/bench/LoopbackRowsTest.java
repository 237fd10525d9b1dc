package io.jwsp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The loopback rows check the targets of the loopback-speed issue: >= 0.35x memory copy, <= 0.1x Pipe's round trip. */
class LoopbackRowsTest {
    @Test
    void memoryCopyRow_meetsAt035_missesBelow() {
        assertTrue(row(Map.of("BulkThroughputBenchmark.loopback", 36.0, "BulkThroughputBenchmark.memoryCopy", 100.0),
                "loopback bulk vs memory copy (limit)").met());
        QuickBench.Row missed = row(Map.of("BulkThroughputBenchmark.loopback", 34.0,
                "BulkThroughputBenchmark.memoryCopy", 100.0), "loopback bulk vs memory copy (limit)");
        assertFalse(missed.met());
        assertEquals(">= 0.35x", missed.target());
    }

    @Test
    void roundTripRow_meetsAt01_missesAbove() {
        assertTrue(row(Map.of("PingPongBenchmark.loopback", 3_900.0, "PingPongBenchmark.pipe", 40_000.0),
                "loopback 1-byte round trip vs Pipe").met());
        QuickBench.Row missed = row(Map.of("PingPongBenchmark.loopback", 4_186.0, "PingPongBenchmark.pipe", 41_000.0),
                "loopback 1-byte round trip vs Pipe");
        assertFalse(missed.met(), "0.102x Pipe misses");
        assertEquals("<= 0.1x", missed.target());
    }

    @Test
    void cacheLineRoundTrip_isMeasuredOnTwoProcessors() {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: not measured");
        double nanos = CacheLineRoundTrip.medianNanos(1);
        assertTrue(nanos > 0 && nanos < 1_000_000, "a hand-off takes some nanoseconds: " + nanos);
    }

    private static QuickBench.Row row(Map<String, Double> scores, String metric) {
        List<QuickBench.Row> rows = QuickBench.rows(scores, 600);
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }
}
