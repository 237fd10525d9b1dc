package io.jwsp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link TcpBenchmark} (both sides in each fork, in alternating rounds, several short forks) and reduces its
 * iterations to one comparison per benchmark: the median round of all forks ({@link AlternatingRounds}). Forks
 * because a fork's threads keep their placement for most of its life; rounds because the machine's load changes
 * within seconds.
 *
 * <p>{@code main} runs the same instrument on any pair of sides, for the A/A controls:
 * {@code java -cp ... io.jwsp.bench.TcpComparison raw-raw [quick|full]} prints every round's ratio.
 */
public final class TcpComparison {
    /** One benchmark's rounds over all forks, and the median one. */
    public record Comparison(List<AlternatingRounds.Round> rounds) {
        AlternatingRounds.Round median() {
            return AlternatingRounds.median(rounds);
        }

        String describe() {
            AlternatingRounds.Round m = median();
            return String.format("median %.3f (%.1f / %.1f), %d rounds %s", m.ratio(), m.subject(), m.anchor(),
                    rounds.size(), AlternatingRounds.spread(rounds));
        }
    }

    /** Both benchmarks' comparisons. */
    public record Result(Comparison bulk, Comparison pingPong) {
    }

    /** The run's shape: forks, iteration lengths and counts, and the JIT warm-up's limits. */
    record Plan(int forks, int rounds, TimeValue iteration, int jitQuietMs, int jitMaxMs) {
        static Plan of(boolean quick) {
            return quick ? new Plan(2, 6, TimeValue.milliseconds(150), 400, 6_000)
                    : new Plan(3, 8, TimeValue.milliseconds(500), 1_000, 15_000);
        }
    }

    private TcpComparison() {
    }

    static Result run(String sides, Plan plan) throws RunnerException {
        List<List<Double>> bulk = new ArrayList<>();
        List<List<Double>> pingPong = new ArrayList<>();
        for (RunResult r : new Runner(new OptionsBuilder()
                .include(TcpBenchmark.class.getName() + "\\.")
                .param("sides", sides)
                .param("jitQuietMs", String.valueOf(plan.jitQuietMs()))
                .param("jitMaxMs", String.valueOf(plan.jitMaxMs()))
                .forks(plan.forks())
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "-Xmx2g")
                .warmupIterations(2).warmupTime(plan.iteration())
                .measurementIterations(2 * plan.rounds()).measurementTime(plan.iteration())
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build()).run()) {
            String name = r.getParams().getBenchmark();
            List<List<Double>> into = name.endsWith(".bulk") ? bulk : pingPong;
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                into.add(fork.getIterationResults().stream().map(IterationResult::getPrimaryResult)
                        .map(p -> p.getScore()).toList());
            }
        }
        return new Result(comparison(bulk), comparison(pingPong));
    }

    /** The comparison over forks, each fork's measurement iterations' scores in order. */
    static Comparison comparison(List<List<Double>> forks) {
        List<AlternatingRounds.Round> rounds = new ArrayList<>();
        for (List<Double> fork : forks) {
            rounds.addAll(AlternatingRounds.rounds(fork));
        }
        return new Comparison(rounds);
    }

    /**
     * The bench's TCP comparison (jwsp against raw NIO), as the scores {@link QuickBench#rows} reads: the median
     * round's two sides of each benchmark.
     */
    static Map<String, Double> benchScores(boolean quick, Consumer<String> progress) throws RunnerException {
        Plan plan = Plan.of(quick);
        progress.accept("TCP against raw NIO: " + plan.forks() + " forks of " + plan.rounds()
                + " alternating rounds per benchmark");
        Result r = run("jwsp-raw", plan);
        progress.accept("TCP bulk (jwsp/raw): " + r.bulk().describe());
        progress.accept("TCP 1-byte round trip (jwsp/raw): " + r.pingPong().describe());
        return Map.of(
                "TcpBenchmark.jwspBulk", r.bulk().median().subject(),
                "TcpBenchmark.rawNioBulk", r.bulk().median().anchor(),
                "TcpBenchmark.jwspPingPong", r.pingPong().median().subject(),
                "TcpBenchmark.rawNioPingPong", r.pingPong().median().anchor());
    }

    /** {@code sides [quick|full]}: the instrument on any pair of sides (A/A controls); prints every round. */
    public static void main(String[] args) throws RunnerException {
        String sides = args.length > 0 ? args[0] : "raw-raw";
        boolean quick = args.length < 2 || args[1].equals("quick");
        Result r = run(sides, Plan.of(quick));
        System.out.println(sides + " bulk " + r.bulk().describe() + "; rounds:" + ratios(r.bulk()));
        System.out.println(sides + " pingPong " + r.pingPong().describe() + "; rounds:" + ratios(r.pingPong()));
    }

    private static String ratios(Comparison c) {
        StringBuilder b = new StringBuilder();
        for (AlternatingRounds.Round round : c.rounds()) {
            b.append(String.format(" %.3f", round.ratio()));
        }
        return b.toString();
    }
}
