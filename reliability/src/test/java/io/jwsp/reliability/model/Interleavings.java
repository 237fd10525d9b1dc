package io.jwsp.reliability.model;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A small model checker in place of Lincheck (see the module's notes: on JDK 25 Lincheck 2.39 needs newer ASM and
 * Byte Buddy to instrument anything, then fails on record classes and costs ~30 s of set-up per test on two
 * cores). For one scenario (a few threads, each a short list of operations on a fresh object) it
 * <ol>
 *   <li>computes the sequential specification exhaustively: the outcome of every merge of the threads' operation
 *       lists run one after another on a fresh object, plus what a final observer sees afterwards;</li>
 *   <li>runs the scenario concurrently many times on real threads released together, each thread delaying each
 *       operation by a seeded random amount of spinning or yielding so the interleavings differ from run to run;</li>
 *   <li>fails when a concurrent outcome equals no sequential one (the object is not sequentially consistent),
 *       naming the scenario, the outcome, the seed and the sequential outcomes that were possible.</li>
 * </ol>
 *
 * @param <S> the object under test (a fresh one per run)
 */
final class Interleavings<S> {
    /** One operation: a name for messages and what it does, answering a value to compare. */
    record Op<S>(String name, Function<S, String> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final Supplier<S> fresh;
    private final Function<S, String> finalObserver;
    private final List<Op<S>> menu;

    /**
     * @param fresh         a new object under test, in its initial state
     * @param finalObserver run once all operations are done (single-threaded): what the state is afterwards; it
     *                      may also release the object's resources
     * @param menu          the operations scenarios are drawn from
     */
    Interleavings(Supplier<S> fresh, Function<S, String> finalObserver, List<Op<S>> menu) {
        this.fresh = fresh;
        this.finalObserver = finalObserver;
        this.menu = menu;
    }

    /** A random scenario: {@code threads} lists of {@code opsPerThread} operations from the menu. */
    List<List<Op<S>>> scenario(Random random, int threads, int opsPerThread) {
        List<List<Op<S>>> s = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Op<S>> ops = new ArrayList<>();
            for (int i = 0; i < opsPerThread; i++) {
                ops.add(menu.get(random.nextInt(menu.size())));
            }
            s.add(ops);
        }
        return s;
    }

    /** Checks {@code scenarios} random scenarios, each run {@code runs} times concurrently. Answers runs made. */
    int check(long seed, int scenarios, int threads, int opsPerThread, int runs) {
        Random random = new Random(seed);
        int made = 0;
        for (int i = 0; i < scenarios; i++) {
            List<List<Op<S>>> scenario = scenario(random, threads, opsPerThread);
            made += check(scenario, seed + i, runs);
        }
        return made;
    }

    int check(List<List<Op<S>>> scenario, long seed, int runs) {
        Set<String> sequential = sequentialOutcomes(scenario);
        SplittableRandom delays = new SplittableRandom(seed);
        for (int run = 0; run < runs; run++) {
            String outcome = concurrent(scenario, delays.split());
            if (!sequential.contains(outcome)) {
                fail("not sequentially consistent: scenario " + scenario + " (seed " + seed + ", run " + run
                        + ") gave\n  " + outcome + "\nwhich no sequential order gives; the sequential outcomes are\n  "
                        + String.join("\n  ", sequential));
            }
        }
        return runs;
    }

    /** Every merge of the threads' lists, run in order on a fresh object. */
    Set<String> sequentialOutcomes(List<List<Op<S>>> scenario) {
        Set<String> out = new HashSet<>();
        int[] next = new int[scenario.size()];
        List<Integer> order = new ArrayList<>();
        merge(scenario, next, order, out);
        return out;
    }

    private void merge(List<List<Op<S>>> scenario, int[] next, List<Integer> order, Set<String> out) {
        boolean any = false;
        for (int t = 0; t < scenario.size(); t++) {
            if (next[t] < scenario.get(t).size()) {
                any = true;
                next[t]++;
                order.add(t);
                merge(scenario, next, order, out);
                order.removeLast();
                next[t]--;
            }
        }
        if (!any) {
            out.add(runInOrder(scenario, order));
        }
    }

    private String runInOrder(List<List<Op<S>>> scenario, List<Integer> order) {
        S state = fresh.get();
        String[][] results = results(scenario);
        int[] at = new int[scenario.size()];
        for (int t : order) {
            results[t][at[t]] = scenario.get(t).get(at[t]).call().apply(state);
            at[t]++;
        }
        return describe(scenario, results, finalObserver.apply(state));
    }

    private String concurrent(List<List<Op<S>>> scenario, SplittableRandom delays) {
        S state = fresh.get();
        String[][] results = results(scenario);
        CyclicBarrier start = new CyclicBarrier(scenario.size());
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < scenario.size(); t++) {
            int thread = t;
            SplittableRandom mine = delays.split();
            threads.add(Thread.ofPlatform().name("interleaving-" + t).start(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    List<Op<S>> ops = scenario.get(thread);
                    for (int i = 0; i < ops.size(); i++) {
                        delay(mine);
                        results[thread][i] = ops.get(i).call().apply(state);
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }));
        }
        for (Thread th : threads) {
            try {
                if (!th.join(java.time.Duration.ofSeconds(10))) {
                    fail("scenario " + scenario + ": a thread did not finish within 10 s (deadlock?)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw new AssertionError("scenario " + scenario + ": an operation threw " + failure[0], failure[0]);
            }
        }
        return describe(scenario, results, finalObserver.apply(state));
    }

    /** Nothing, a short spin, or a yield: enough to move the threads' start points against each other. */
    private static void delay(SplittableRandom r) {
        switch (r.nextInt(4)) {
            case 0 -> { }
            case 1 -> Thread.yield();
            default -> {
                int spins = r.nextInt(2_000);
                for (int i = 0; i < spins; i++) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    private static <S> String[][] results(List<List<Op<S>>> scenario) {
        String[][] r = new String[scenario.size()][];
        for (int t = 0; t < scenario.size(); t++) {
            r[t] = new String[scenario.get(t).size()];
        }
        return r;
    }

    private static <S> String describe(List<List<Op<S>>> scenario, String[][] results, String after) {
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < scenario.size(); t++) {
            b.append("T").append(t).append(Arrays.toString(results[t])).append(' ');
        }
        return b.append("then ").append(after).toString();
    }
}
