package io.jwsp.bench.scale;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the run's virtual threads and counts them: how many are alive now and the most that were at once (the JVM
 * reports platform threads only).
 */
final class VirtualThreads {
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    /** Starts {@code task} on a new virtual thread, counted while it runs. */
    Thread start(Runnable task) {
        return Thread.ofVirtual().start(counted(task));
    }

    /** {@code task} counted while it runs, for a thread started elsewhere. */
    Runnable counted(Runnable task) {
        return () -> {
            peak.accumulateAndGet(live.incrementAndGet(), Math::max);
            try {
                task.run();
            } finally {
                live.decrementAndGet();
            }
        };
    }

    int peak() {
        return peak.get();
    }
}
