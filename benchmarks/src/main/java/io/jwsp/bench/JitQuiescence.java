package io.jwsp.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Warms a benchmark's operation until the JIT has been quiet for a while, before JMH's own (timed) warm-up. A
 * time-boxed warm-up is unequal when one side has more code to compile and the machine is starved: on the shared
 * 2-core machine at load 20, -XX:+PrintCompilation showed raw NIO's read/write path at C2 before its 0.5 s
 * warm-up ended, while the provider's path (twice the methods compiled in its fork) was still C1 code when the
 * measurement ended, so the round trip compared C1 with C2. Both sides get this same warm-up.
 */
final class JitQuiescence {
    /** One operation of the benchmark. */
    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    private static final int BATCH = 100;

    private JitQuiescence() {
    }

    /**
     * Runs {@code op} in batches until no compilation has finished for {@code quiet}, or {@code max} has passed;
     * a JVM that does not report compilation time gets {@code max} of warm-up.
     */
    static void warm(Operation op, Duration quiet, Duration max) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean observable = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long lastTotal = observable ? jit.getTotalCompilationTime() : 0;
        long quietSince = start;
        while (System.nanoTime() - start < max.toNanos()) {
            for (int i = 0; i < BATCH; i++) {
                op.run();
            }
            if (!observable) {
                continue;
            }
            long total = jit.getTotalCompilationTime();
            long now = System.nanoTime();
            if (total != lastTotal) {
                lastTotal = total;
                quietSince = now;
            } else if (now - quietSince >= quiet.toNanos()) {
                return;
            }
        }
    }
}
