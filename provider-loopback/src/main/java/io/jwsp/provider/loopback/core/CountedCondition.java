package io.jwsp.provider.loopback.core;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A connection's condition that counts its signals, so that a platform thread about to park can first spin a few
 * microseconds on the count with the lock released. A park and unpark cost a futex call on each side and, on an idle
 * core, that core's wake-up (some 30 µs measured on a 2-vCPU VM); the peer of a busy connection usually answers
 * sooner.
 *
 * <p>How it spins depends on where the peer runs ({@link Processor}; both ends note their processor here when they
 * signal or start a spin). On another processor it checks the count in a plain loop: a yield costs half a
 * microsecond on a VM even when nothing else is queued, and {@code Thread.onSpinWait}'s PAUSE makes the hypervisor
 * deschedule a vCPU that pauses in a loop (64 KiB sends: some 150,000 a second with it, 400,000 with a plain loop,
 * measured). On the same processor, or where that is unknown, it yields on every turn: the peer may be queued behind
 * this very thread.
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
    /** Looks at the count between two checks of the clock and of where the peer runs: well under a microsecond. */
    private static final int BURST = 256;
    /** A spin on another processor still yields once in this many bursts, in case the peer was moved behind it. */
    private static final int YIELD_EVERY = 16;

    private final Condition inner;
    private final long limitNanos;
    /** Written only with the lock held; read without it while spinning. */
    private volatile int signals;
    /** The next spin's length, and parks since it reached the floor: heuristics, so races on them are harmless. */
    private long spinNanos;
    private int parksAtFloor;
    /**
     * The two threads that signalled or spun here last, each as {@link #stamp} in a slot of its own: the one that
     * is not the caller is its peer, and the processor it last ran on. A thread writes its slot only when its
     * processor changed, so two threads working a connection do not pull the line to and fro on every signal.
     * Written with the lock held, read without it.
     */
    private volatile long runner0;
    private volatile long runner1;

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
        noteRunning();
        boolean signalled;
        lock.unlock();
        try {
            signalled = spinUntil(() -> signals != seen, budget);
        } finally {
            lock.lock();
        }
        signalled |= signals != seen; // a signal between the spin's end and the lock
        // A success restores the whole limit: a spin shorter than the peer's wake-up from a park can never succeed,
        // so doubling back up from a short one would leave a busy connection parking for good.
        long next = signalled ? limitNanos : probe ? FLOOR_NANOS : Math.max(FLOOR_NANOS, budget >> 1);
        if (spinNanos != next) {
            spinNanos = next; // written only on a change: the peer's signal shares the line
        }
        return signalled;
    }

    /**
     * Spins, with the connection's lock released by the caller, until {@code done} answers true or {@code budget}
     * nanoseconds pass; answers {@code done}'s last answer. Looks at least once, after a first yield or burst.
     */
    public boolean spinUntil(BooleanSupplier done, long budget) {
        long start = System.nanoTime();
        int bursts = 0;
        do {
            if (peerElsewhere() && ++bursts % YIELD_EVERY != 0) {
                for (int i = 0; i < BURST; i++) {
                    if (done.getAsBoolean()) {
                        return true;
                    }
                }
            } else {
                Thread.yield();
                if (done.getAsBoolean()) {
                    return true;
                }
            }
        } while (System.nanoTime() - start < budget);
        return done.getAsBoolean();
    }

    /** Notes that the calling thread runs on this connection now, and where. Lock held. */
    public void noteRunning() {
        noteRunning(Thread.currentThread().threadId(), Processor.current());
    }

    /** The peer last ran on another processor than the caller's: it goes on while the caller spins. */
    public boolean peerElsewhere() {
        int cpu = peerCpu(Thread.currentThread().threadId());
        return cpu != Processor.UNKNOWN && cpu != Processor.current();
    }

    /**
     * The peer last ran on the caller's own processor: two threads share one, and each waits for the other to be
     * switched in. Where processors cannot be told apart, true on a machine with one.
     */
    public boolean peerHere() {
        if (!Processor.known()) {
            return Processor.ONLY_ONE;
        }
        int cpu = peerCpu(Thread.currentThread().threadId());
        return cpu != Processor.UNKNOWN && cpu == Processor.current();
    }

    void noteRunning(long threadId, int cpu) {
        long me = stamp(threadId, cpu);
        long first = runner0;
        if (first == me || runner1 == me) {
            return;
        }
        if (thread(first) == thread(me)) {
            runner0 = me;
        } else if (thread(runner1) == thread(me)) {
            runner1 = me;
        } else {
            runner1 = first; // a thread new here takes the first slot; the second one's holder gives way
            runner0 = me;
        }
    }

    /** The processor the other thread of the two noted here last ran on, or {@link Processor#UNKNOWN}. */
    int peerCpu(long threadId) {
        long me = thread(stamp(threadId, Processor.UNKNOWN));
        long first = runner0;
        long peer = thread(first) != me ? first : runner1;
        return peer == 0 || thread(peer) == me ? Processor.UNKNOWN : cpu(peer);
    }

    /** A thread and its processor in one word (0: nobody): the thread id's low 48 bits, the processor + 1. */
    private static long stamp(long threadId, int cpu) {
        return threadId << 16 | (cpu + 1) & 0xFFFF;
    }

    private static long thread(long stamp) {
        return stamp >>> 16;
    }

    private static int cpu(long stamp) {
        return (int) (stamp & 0xFFFF) - 1;
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
        noteRunning();
        inner.signal();
    }

    @Override
    public void signalAll() {
        signals++;
        noteRunning();
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
