package io.jwsp.bench;

import io.jwsp.bench.scale.ForkedLoopbackScale;
import io.jwsp.bench.scale.LoopbackScale;
import io.jwsp.bench.scale.ScaleClose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark and its anchors in one JMH run and reduces the scores to ratios against the targets of the
 * benchmarks issue. The quick mode (short iterations, one fork) is {@code jwsp bench}; the full mode is the JMH run
 * quoted in the notes.
 */
public final class QuickBench {
    /** One line of the table: a jwsp figure, its anchor, and the ratio checked against a target. */
    public record Row(String metric, double jwsp, double anchor, String unit, double ratio, String target,
                      boolean met) {
    }

    private QuickBench() {
    }

    public static List<Row> run(boolean quick, Consumer<String> progress) throws RunnerException {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(BulkThroughputBenchmark.class.getName())
                .include(PingPongBenchmark.class.getName())
                .include(LayerOverheadBenchmark.class.getName())
                .include(ChurnBenchmark.class.getName())
                .forks(1)
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Xmx2g")
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (quick) {
            // Two warm-up iterations: a fresh fork's two threads spend its first half second or so compiling, and
            // often on one processor until the scheduler spreads them (seen per 100 ms window: 5-15 us round trips
            // then, 1-2 us after); one 500 ms warm-up left that in the first measured iteration.
            opts.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(500));
        } else {
            opts.warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        double lineBefore = CacheLineRoundTrip.medianNanos(5);
        progress.accept("running JMH (" + (quick ? "quick" : "full") + " mode): about "
                + (quick ? "1 minute" : "5 minutes"));
        Collection<RunResult> results = new ArrayList<>(new Runner(opts.build()).run());
        // Close latency is one close per invocation (single shot): many short iterations, not a few long ones.
        results.addAll(new Runner(new OptionsBuilder()
                .include(CloseLatencyBenchmark.class.getName())
                .forks(1)
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Xmx2g")
                .warmupIterations(quick ? 5 : 20)
                .measurementIterations(quick ? 20 : 100)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build()).run());
        Map<String, Double> score = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder key = new StringBuilder(shortName);
            for (String p : new java.util.TreeSet<>(r.getParams().getParamsKeys())) {
                key.append('[').append(p).append('=').append(r.getParams().getParam(p)).append(']');
            }
            score.put(key.toString(), r.getPrimaryResult().getScore());
        }
        double lineAfter = CacheLineRoundTrip.medianNanos(5);
        // TCP against raw NIO: both sides in each fork, in alternating rounds (TcpComparison says why)
        score.putAll(TcpComparison.benchScores(quick, progress));
        progress.accept("measuring heap per idle loopback socket");
        double perSocket = IdleSocketFootprint.measure(5_000);
        int connections = quick ? 2_000 : 10_000;
        progress.accept("opening " + connections + " TCP connections to a java.nio echo server in a child JVM");
        TcpScale.Result scale;
        try {
            scale = TcpScale.run(connections, 10);
        } catch (Exception e) {
            throw new IllegalStateException("the TCP scale run failed", e);
        }
        List<Row> rows = rows(score, perSocket);
        rows.add(reported("cache-line round trip between two threads, before the JMH runs", lineBefore, "ns"));
        rows.add(reported("cache-line round trip between two threads, after them", lineAfter, "ns"));
        rows.addAll(scaleRows(scale));
        if (!quick) {
            rows.addAll(loopbackScaleRows(loopbackScale(progress)));
        }
        return rows;
    }

    /**
     * The million-connection loopback run ({@link LoopbackScale}) in a JVM of its own; {@code jwsp.bench.scaleConnections}
     * and {@code jwsp.bench.scaleHeap} (default 1000000 and 6g) change its size.
     */
    private static LoopbackScale.Result loopbackScale(Consumer<String> progress) {
        int connections = Integer.getInteger("jwsp.bench.scaleConnections", 1_000_000);
        String heap = System.getProperty("jwsp.bench.scaleHeap", "6g");
        progress.accept("opening " + connections + " loopback connections at once in a child JVM (-Xmx" + heap
                + "): several minutes");
        try {
            LoopbackScale.Result r = ForkedLoopbackScale.run(connections, heap, Duration.ofMinutes(30), progress);
            if (r.mismatches() > 0) {
                progress.accept(r.mismatches() + " answers of the loopback scale run not as the close table says; "
                        + "the first of each row:");
                r.firstMismatches().forEach(m -> progress.accept("  " + m));
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("the loopback scale run failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the loopback scale run", e);
        }
    }

    static List<Row> loopbackScaleRows(LoopbackScale.Result r) {
        String n = "loopback scale, " + r.connections() + " connections: ";
        double perSocket = r.heapPerSocket();
        boolean clean = r.mismatches() == 0 && r.handlesLeft() == 0;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(n + "heap per idle socket", perSocket, 1024, "bytes", perSocket / 1024, "<= 1 KiB",
                perSocket <= 1024 && clean));
        rows.add(new Row(n + "answers not as the close table says", r.mismatches(), Double.NaN, "calls",
                Double.NaN, "0", clean));
        for (ScaleClose row : ScaleClose.values()) {
            int m = r.mismatches(row);
            rows.add(new Row(n + "close row " + row.id() + ": answers not as the table says", m, Double.NaN,
                    "calls", Double.NaN, "0", m == 0));
        }
        rows.addAll(List.of(
                reported(n + "heap after the closes, per connection (TIME_WAIT)", r.heapPerClosedConnection(),
                        "bytes"),
                reported(n + "linger-read closes whose 30 s ran out first (abortive)", r.lingerRanOut(), "closes"),
                reported(n + "open, connect, echo 32 B, all", r.openMillis(), "ms"),
                reported(n + "close all (7 rotating rows)", r.closeMillis(), "ms"),
                reported(n + "platform threads (peak)", r.peakPlatformThreads(), "threads"),
                reported(n + "virtual threads (peak)", r.peakVirtualThreads(), "threads"),
                reported(n + "GC collections", r.collections(), "count"),
                reported(n + "GC time", r.collectionMillis(), "ms")));
        return rows;
    }

    static List<Row> scaleRows(TcpScale.Result r) {
        String n = "TCP scale, " + r.connections() + " connections: ";
        return List.of(
                reported(n + "connect all", r.connectMillis(), "ms"),
                reported(n + "echoes per second (32 B)", r.echoesPerSecond(), "1/s"),
                reported(n + "heap after GC", r.heapBytes() / (1024.0 * 1024.0), "MiB"),
                reported(n + "platform threads", r.peakPlatformThreads(), "threads"));
    }

    private static Row reported(String metric, double value, String unit) {
        return new Row(metric, value, Double.NaN, unit, Double.NaN, "(reported)", true);
    }

    static List<Row> rows(Map<String, Double> measured, double heapPerSocket) {
        // A benchmark that did not run shows as NaN rather than hiding the others.
        Map<String, Double> s = new java.util.HashMap<>(measured) {
            @Override
            public Double get(Object key) {
                return getOrDefault(key, Double.NaN);
            }
        };
        List<Row> rows = new ArrayList<>();
        double mib = 64.0 / 1024; // one operation moves 64 KiB
        double lb = s.get("BulkThroughputBenchmark.loopback");
        rows.add(higher("loopback bulk vs Netty LocalChannel", lb * mib, s.get("BulkThroughputBenchmark.nettyLocalChannel") * mib, "MiB/s", 1.5));
        rows.add(higher("loopback bulk vs java.nio Pipe", lb * mib, s.get("BulkThroughputBenchmark.pipe") * mib, "MiB/s", 0));
        rows.add(higher("loopback bulk vs thread handoff", lb * mib, s.get("BulkThroughputBenchmark.handoff") * mib, "MiB/s", 0));
        rows.add(higher("loopback bulk vs memory copy (limit)", lb * mib, s.get("BulkThroughputBenchmark.memoryCopy") * mib, "MiB/s", 0.35));
        double lp = s.get("PingPongBenchmark.loopback");
        rows.add(lower("loopback 1-byte round trip vs Pipe", lp, s.get("PingPongBenchmark.pipe"), "ns", 0.1));
        rows.add(lower("loopback 1-byte round trip vs LocalChannel", lp, s.get("PingPongBenchmark.nettyLocalChannel"), "ns", 0));
        rows.add(higher("TCP bulk vs raw SocketChannel", s.get("TcpBenchmark.jwspBulk") * mib, s.get("TcpBenchmark.rawNioBulk") * mib, "MiB/s", 0.95));
        rows.add(lower("TCP 1-byte round trip vs raw SocketChannel", s.get("TcpBenchmark.jwspPingPong"), s.get("TcpBenchmark.rawNioPingPong"), "ns", 1.10));
        double base = s.get("LayerOverheadBenchmark.baseCall");
        double layered = s.get("LayerOverheadBenchmark.oneLayerCall");
        rows.add(new Row("one pass-through layer, added per call", layered - base, base, "ns", layered / base,
                "<= 25 ns", layered - base <= 25));
        rows.add(higher("churn: loopback vs raw NIO TCP", s.get("ChurnBenchmark.loopback"), s.get("ChurnBenchmark.rawNio"), "conn/s", 0));
        rows.add(higher("churn: TCP vs raw NIO TCP", s.get("ChurnBenchmark.tcp"), s.get("ChurnBenchmark.rawNio"), "conn/s", 0));
        for (String mode : List.of("default", "linger0")) {
            double empty = s.get("CloseLatencyBenchmark.close[mode=" + mode + "][queuedBytes=0]");
            double full = s.get("CloseLatencyBenchmark.close[mode=" + mode + "][queuedBytes=67108864]");
            rows.add(new Row("close (" + mode + "): 64 MiB queued vs nothing", full, empty, "us", full / empty,
                    "about 1x", full / empty < 3));
        }
        rows.add(new Row("heap per idle loopback socket", heapPerSocket, 1024, "bytes", heapPerSocket / 1024,
                "<= 1 KiB", heapPerSocket <= 1024));
        return rows;
    }

    private static Row higher(String metric, double jwsp, double anchor, String unit, double target) {
        double ratio = jwsp / anchor;
        return new Row(metric, jwsp, anchor, unit, ratio, target > 0 ? ">= " + target + "x" : "(reference)",
                target <= 0 || ratio >= target);
    }

    private static Row lower(String metric, double jwsp, double anchor, String unit, double target) {
        double ratio = jwsp / anchor;
        return new Row(metric, jwsp, anchor, unit, ratio, target > 0 ? "<= " + target + "x" : "(reference)",
                target <= 0 || ratio <= target);
    }

    /** The table as text. */
    public static String render(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-58s %14s %14s %-7s %8s %-12s %s%n", "metric", "jwsp", "anchor", "unit", "ratio",
                "target", "met"));
        for (Row r : rows) {
            b.append(String.format("%-58s %14.1f %14s %-7s %8s %-12s %s%n", r.metric(), r.jwsp(),
                    Double.isNaN(r.anchor()) ? "-" : String.format("%.1f", r.anchor()), r.unit(),
                    Double.isNaN(r.ratio()) ? "-" : String.format("%.3f", r.ratio()), r.target(),
                    r.met() ? "yes" : "NO"));
        }
        return b.toString();
    }
}
