package io.jwsp.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Runs a benchmark's operation until the JIT has been quiet for a while. A warm-up of fixed length is unequal when
 * one side has more code to compile and the machine is busy: in a quick run's 0.5 s, the provider's send/recv path
 * (twice the methods of raw NIO's) was still C1 code when its measurement ended while raw NIO's was C2
 * ({@code -XX:+PrintCompilation}).
 */
final class JitQuiescence {
    /** One step of the warm-up (a batch of operations). */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private JitQuiescence() {
    }

    /**
     * Runs {@code step} until no compilation has finished for {@code quiet}, or until {@code max} has passed (all
     * of {@code max} on a JVM that does not report its compilation time). Answers how long it ran.
     */
    static Duration warm(Step step, Duration quiet, Duration max) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean observable = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long compiled = observable ? jit.getTotalCompilationTime() : 0;
        long quietSince = start;
        long now = start;
        while (now - start < max.toNanos()) {
            step.run();
            now = System.nanoTime();
            if (!observable) {
                continue;
            }
            long total = jit.getTotalCompilationTime();
            if (total != compiled) {
                compiled = total;
                quietSince = now;
            } else if (now - quietSince >= quiet.toNanos()) {
                break;
            }
        }
        return Duration.ofNanos(now - start);
    }
}
