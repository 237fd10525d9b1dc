package io.jwsp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TcpBenchmark} (both sides in each fork, in alternating rounds, a few short forks) and reduces it to one
 * comparison per benchmark. Each iteration gives its median operation time; each round (one iteration per side, back
 * to back) the ratio of the two; the comparison is the round with the median ratio over all forks
 * ({@link AlternatingRounds}). Medians because on a shared machine the mean of an iteration is made by the few
 * operations during which another process held the CPU (a round trip of 15 us against some of several ms): raw NIO
 * against itself at load 10-12, the means of a round's two 20 ms iterations differed by 0.24-9.0x, their median
 * round trips by 0.84-1.11x and mostly by under 1%. Forks because a fork's threads keep their placement for most of
 * its life.
 *
 * <p>{@code main} runs the same instrument on any pair of sides, for the A/A controls:
 * {@code java -cp ... io.jwsp.bench.TcpComparison raw-raw [quick|full]} logs every round's ratio (SLF4J, INFO).
 */
public final class TcpComparison {
    private static final Logger LOG = LoggerFactory.getLogger(TcpComparison.class);

    /** One benchmark's rounds over all forks. */
    record Comparison(List<AlternatingRounds.Round> rounds) {
        AlternatingRounds.Round median() {
            return AlternatingRounds.median(rounds);
        }

        /** "median 1.012 (282.1 / 278.8), 30 rounds 0.950-1.070". */
        String describe() {
            AlternatingRounds.Round m = median();
            return String.format("median %.3f (%.1f / %.1f), %d rounds %s", m.ratio(), m.subject(), m.anchor(),
                    rounds.size(), AlternatingRounds.spread(rounds));
        }

        String ratios() {
            StringBuilder b = new StringBuilder();
            for (AlternatingRounds.Round round : rounds) {
                b.append(String.format(" %.3f", round.ratio()));
            }
            return b.toString();
        }
    }

    /**
     * One benchmark's outcome: the comparison of the iterations' median operation times (what the bench reports),
     * and of their mean times (shown beside it, to see how much the load moved the means).
     */
    record Outcome(Comparison medians, Comparison means) {
    }

    /** Both benchmarks' outcomes; times in ns per operation (a 1 MiB transfer, a round trip). */
    record Outcomes(Outcome bulk, Outcome pingPong) {
    }

    /** The run's shape: forks, rounds per fork, iteration length, and the JIT warm-up's limits. */
    record Plan(int forks, int rounds, TimeValue iteration, int jitQuietMs, int jitMaxMs) {
        /**
         * Quick: 72 rounds of 40 ms. On the idle 2-vCPU machine single rounds spread 0.5-4x (the VM's TCP round trip
         * itself moves between two levels); 24 rounds left the median +-5 % (raw against raw 1.005-1.048), 72 rounds
         * +-1 % (0.989-1.006), for about 11 s more.
         */
        static Plan of(boolean quick) {
            return quick ? new Plan(3, 24, TimeValue.milliseconds(40), 400, 6_000)
                    : new Plan(3, 20, TimeValue.milliseconds(200), 1_000, 15_000);
        }
    }

    private TcpComparison() {
    }

    static Outcomes run(String sides, Plan plan) throws RunnerException {
        List<List<Result<?>>> bulk = new ArrayList<>();
        List<List<Result<?>>> pingPong = new ArrayList<>();
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
            List<List<Result<?>>> into = r.getParams().getBenchmark().endsWith(".bulk") ? bulk : pingPong;
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                List<Result<?>> iterations = new ArrayList<>();
                for (IterationResult i : fork.getIterationResults()) {
                    iterations.add(i.getPrimaryResult());
                }
                into.add(iterations);
            }
        }
        return new Outcomes(outcome(bulk), outcome(pingPong));
    }

    private static Outcome outcome(List<List<Result<?>>> forks) {
        return new Outcome(comparison(forks, i -> i.getStatistics().getPercentile(50)),
                comparison(forks, Result::getScore));
    }

    /** The comparison over forks, from each fork's measurement iterations in order and what to read of each. */
    static <T> Comparison comparison(List<List<T>> forks, ToDoubleFunction<T> score) {
        List<AlternatingRounds.Round> rounds = new ArrayList<>();
        for (List<T> fork : forks) {
            rounds.addAll(AlternatingRounds.rounds(fork.stream().map(score::applyAsDouble).toList()));
        }
        return new Comparison(rounds);
    }

    /**
     * The bench's TCP comparison (jwsp against raw NIO), as the scores {@link QuickBench#rows} reads: the median
     * round's two sides, bulk as 64 KiB operations per second, the round trip in ns.
     */
    static Map<String, Double> benchScores(boolean quick, Consumer<String> progress) throws RunnerException {
        Plan plan = Plan.of(quick);
        progress.accept("TCP against raw NIO: " + plan.forks() + " forks of " + plan.rounds()
                + " alternating rounds per benchmark");
        Outcomes r = run("jwsp-raw", plan);
        progress.accept("TCP 1 MiB transfer time (jwsp/raw), iterations' medians: " + r.bulk().medians().describe()
                + "; their means: " + r.bulk().means().describe());
        progress.accept("TCP 1-byte round trip (jwsp/raw), iterations' medians: " + r.pingPong().medians().describe()
                + "; their means: " + r.pingPong().means().describe());
        AlternatingRounds.Round bulk = r.bulk().medians().median();
        AlternatingRounds.Round pingPong = r.pingPong().medians().median();
        double chunksPerSecond = TcpBenchmark.CHUNKS_PER_TRANSFER * 1e9;
        return Map.of(
                "TcpBenchmark.jwspBulk", chunksPerSecond / bulk.subject(),
                "TcpBenchmark.rawNioBulk", chunksPerSecond / bulk.anchor(),
                "TcpBenchmark.jwspPingPong", pingPong.subject(),
                "TcpBenchmark.rawNioPingPong", pingPong.anchor());
    }

    /**
     * {@code sides [quick|full] [forks rounds iteration-ms]}: the instrument on any pair of sides (A/A controls),
     * with the bench's plan or another; logs every round's ratio (subject time / anchor time).
     */
    public static void main(String[] args) throws RunnerException {
        String sides = args.length > 0 ? args[0] : "raw-raw";
        Plan plan = Plan.of(args.length < 2 || args[1].equals("quick"));
        if (args.length >= 5) {
            plan = new Plan(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    TimeValue.milliseconds(Long.parseLong(args[4])), plan.jitQuietMs(), plan.jitMaxMs());
        }
        Outcomes r = run(sides, plan);
        print(sides + " bulk", r.bulk());
        print(sides + " pingPong", r.pingPong());
    }

    private static void print(String what, Outcome o) {
        LOG.info("{} medians: {}; rounds:{}", what, o.medians().describe(), o.medians().ratios());
        LOG.info("{} means: {}; rounds:{}", what, o.means().describe(), o.means().ratios());
    }
}
