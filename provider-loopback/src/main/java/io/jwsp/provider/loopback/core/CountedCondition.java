package io.jwsp.provider.loopback.core;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connection's condition that counts its signals, so that a platform thread about to park can first spin a few
 * microseconds on the count with the lock released, yielding the processor on every turn. A park and unpark cost a
 * futex call on each side and, on an idle core, that core's wake-up (some 30 µs measured on a 2-vCPU VM); the peer
 * of a busy connection usually answers sooner.
 *
 * <p>The spin adapts per connection. It starts at the limit; a spin that saw a signal restores the limit, one that
 * did not halves the next (down to {@link #FLOOR_NANOS}), so an idle or overloaded connection costs about a
 * microsecond per park; at the floor one park in {@link #PROBE_EVERY} spins the whole limit again, so a connection
 * that has become busy is noticed. Virtual threads never spin (they would hold their carrier), nor does a thread
 * holding the lock more than once (unlocking once would not release it). With a limit of 0 this is a plain
 * condition.
 */
public final class CountedCondition implements Condition {
    static final long FLOOR_NANOS = 1_000;
    /** At the floor, one park in this many spins the whole limit, so a connection that became busy is noticed. */
    static final int PROBE_EVERY = 8;

    private final Condition inner;
    private final long limitNanos;
    /** Written only with the lock held; read without it while spinning. */
    private volatile int signals;
    /** The next spin's length, and parks since it reached the floor: heuristics, so races on them are harmless. */
    private long spinNanos;
    private int parksAtFloor;

    public CountedCondition(Condition inner, long limitNanos) {
        this.inner = inner;
        this.limitNanos = Math.max(0, limitNanos);
        this.spinNanos = this.limitNanos;
    }

    /**
     * Spins with {@code lock} released until this condition is signalled or the spin's budget is spent, then takes
     * the lock again. Answers whether a signal came (the caller looks again instead of parking); false at once when
     * this thread may not spin. The caller holds {@code lock} exactly once.
     */
    public boolean spinForSignal(ReentrantLock lock) {
        if (limitNanos == 0 || lock.getHoldCount() != 1 || Thread.currentThread().isVirtual()) {
            return false;
        }
        long budget = spinNanos;
        boolean probe = budget <= FLOOR_NANOS && ++parksAtFloor % PROBE_EVERY == 0;
        if (probe) {
            budget = limitNanos;
        }
        int seen = signals;
        boolean signalled = false;
        lock.unlock();
        try {
            long start = System.nanoTime();
            do {
                // Yield rather than pause: on a busy machine the peer may be queued for this very processor, and a
                // pure spin would keep it off until the spin ends (a 1-byte round trip went from 4 to 20 us).
                Thread.yield();
                if (signals != seen) {
                    signalled = true;
                    break;
                }
            } while (System.nanoTime() - start < budget);
        } finally {
            lock.lock();
        }
        signalled |= signals != seen; // a signal between the spin's end and the lock
        // A success restores the whole limit: a spin shorter than the peer's wake-up from a park can never succeed,
        // so doubling back up from a short one would leave a busy connection parking for good.
        spinNanos = signalled ? limitNanos : probe ? FLOOR_NANOS : Math.max(FLOOR_NANOS, budget >> 1);
        return signalled;
    }

    /** How many times this condition was signalled: each one sends every spinning waiter back for a look (tests). */
    public int signalCount() {
        return signals;
    }

    /** The length of the next spin (for tests). */
    long nextSpinNanos() {
        return spinNanos;
    }

    @Override
    public void signal() {
        signals++;
        inner.signal();
    }

    @Override
    public void signalAll() {
        signals++;
        inner.signalAll();
    }

    @Override
    public void await() throws InterruptedException {
        inner.await();
    }

    @Override
    public void awaitUninterruptibly() {
        inner.awaitUninterruptibly();
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        return inner.awaitNanos(nanosTimeout);
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return inner.await(time, unit);
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        return inner.awaitUntil(deadline);
    }
}
