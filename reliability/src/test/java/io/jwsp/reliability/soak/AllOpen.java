package io.jwsp.reliability.soak;

import java.time.Duration;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The soak's barrier: no client sends or closes before every client is connected, so all connections are open at
 * the same moment. Counts the connections open now and their peak, and reads the handle table at the moment the
 * last one arrived. One client that fails before arriving releases the others with a failure of their own (marked
 * as a consequence), instead of leaving them to wait out the bound.
 */
final class AllOpen {
    private static final String CONSEQUENCE = "released: another client failed before all were open";

    private final Phaser phaser;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private volatile long handlesWhenAllOpen = -1;

    AllOpen(int connections, LongSupplier openHandles) {
        this.phaser = new Phaser(connections) {
            @Override
            protected boolean onAdvance(int phase, int registeredParties) {
                // run by the last client to arrive, before any is released
                handlesWhenAllOpen = openHandles.getAsLong();
                return true;
            }
        };
    }

    /** This client is connected: counts it open, then waits (at most {@code bound}) until every client is. */
    void arriveAndAwait(int id, Duration bound) throws InterruptedException, TimeoutException {
        peak.accumulateAndGet(open.incrementAndGet(), Math::max);
        int phase = phaser.arrive();
        phaser.awaitAdvanceInterruptibly(phase, bound.toNanos(), TimeUnit.NANOSECONDS);
        if (handlesWhenAllOpen < 0) {
            throw new AssertionError("client #" + id + " " + CONSEQUENCE);
        }
    }

    /** This client's connection is closed. */
    void closed() {
        open.decrementAndGet();
    }

    /** This client failed before it was connected: nobody else waits for it. */
    void giveUp() {
        phaser.forceTermination();
    }

    int peak() {
        return peak.get();
    }

    long handlesWhenAllOpen() {
        return handlesWhenAllOpen;
    }

    static boolean isConsequence(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(CONSEQUENCE)) {
                return true;
            }
        }
        return false;
    }
}
