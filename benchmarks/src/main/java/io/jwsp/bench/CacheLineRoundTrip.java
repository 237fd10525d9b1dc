package io.jwsp.bench;

import java.util.Arrays;

/**
 * How long two threads take to hand one cache line back and forth (a volatile written by one, seen by the other, and
 * answered): what every hand-off between a loopback sender and its reader is made of. On a VM this moves with the
 * host's placement of the vCPUs, not with anything jwsp does (60 ns and 330 ns on the 2-vCPU machine the notes quote,
 * switching every few seconds), so the bench reports it before and after its runs beside the loopback rows.
 */
final class CacheLineRoundTrip {
    private static final int ROUND_TRIPS = 20_000;
    private static final long DEADLINE_NANOS = 2_000_000_000L;

    private volatile int ping;
    private volatile int pong;
    private volatile boolean stop;

    private CacheLineRoundTrip() {
    }

    /**
     * The median of {@code samples} runs of {@link #ROUND_TRIPS} round trips, in nanoseconds per round trip; NaN on a
     * single processor (each hand-off would wait for a preemption) or when a run missed its two-second deadline.
     */
    static double medianNanos(int samples) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return Double.NaN;
        }
        double[] runs = new double[samples];
        for (int i = 0; i < samples; i++) {
            runs[i] = new CacheLineRoundTrip().once();
        }
        Arrays.sort(runs);
        return runs[samples / 2];
    }

    private double once() {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        Thread answering = Thread.ofPlatform().daemon().name("cache-line-pong").start(() -> {
            int seen = 0;
            while (!stop) {
                int p = ping;
                if (p != seen) {
                    seen = p;
                    pong = p;
                } else if (System.nanoTime() > deadline) {
                    return;
                }
            }
        });
        try {
            long start = 0;
            for (int v = 1; v <= ROUND_TRIPS; v++) {
                if (v == ROUND_TRIPS / 4) {
                    start = System.nanoTime(); // the first quarter warms the loop and brings both threads in
                }
                ping = v;
                while (pong != v) {
                    if ((v & 1023) == 0 && System.nanoTime() > deadline) {
                        return Double.NaN;
                    }
                }
            }
            return (System.nanoTime() - start) / (double) (ROUND_TRIPS - ROUND_TRIPS / 4 + 1);
        } finally {
            stop = true;
            try {
                answering.join(DEADLINE_NANOS / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
