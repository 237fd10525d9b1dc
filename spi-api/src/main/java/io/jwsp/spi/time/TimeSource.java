package io.jwsp.spi.time;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one clock every wait goes through: linger, blocking calls with time-outs, protocol timers. Production uses
 * {@link SystemTimeSource}; tests use {@link VirtualClock}, on which a 30-second linger passes in microseconds.
 */
public interface TimeSource {
    /** Monotonic nanoseconds on this clock. */
    long nanoTime();

    /**
     * Waits on {@code cond} (whose {@code lock} the caller holds) until it is signalled or {@code nanos} pass on
     * this clock. {@code Long.MAX_VALUE} waits without a deadline. Spurious returns are allowed: callers loop.
     *
     * @return the nanoseconds left; zero or less when the time ran out
     */
    long awaitNanos(Lock lock, Condition cond, long nanos) throws InterruptedException;

    /** Runs {@code task} once, {@code delayNanos} from now on this clock. Tasks must be short and never block. */
    Cancellable schedule(Runnable task, long delayNanos);

    /** Whether time moves only when a test advances it. */
    default boolean isVirtual() {
        return false;
    }

    /** Sleeps {@code nanos} on this clock. */
    default void sleepNanos(long nanos) throws InterruptedException {
        Lock lock = new ReentrantLock();
        Condition never = lock.newCondition();
        long deadline = nanoTime() + nanos;
        lock.lock();
        try {
            long left = nanos;
            while (left > 0) {
                awaitNanos(lock, never, left);
                left = deadline - nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }
}
