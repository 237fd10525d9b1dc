package io.jwsp.provider.loopback.core;

import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.TimeSource;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One blocking call's wait on its socket's condition, through the provider's time source (never a bare
 * {@code Condition.await}), registered for WSPCancelBlockingCall; on a {@link CountedCondition} it first spins
 * briefly for a signal. The caller holds the lock, re-checks its own conditions after every {@link #park}, and calls
 * {@link #end} in a finally block.
 */
public final class BlockingWait {
    private final TimeSource clock;
    private final BlockingCalls calls;
    private final Lock lock;
    private final Condition condition;
    private final long start;
    private final long deadline;
    private BlockingCalls.Registration registration;

    private BlockingWait(TimeSource clock, BlockingCalls calls, Lock lock, Condition condition, long timeoutNanos) {
        this.clock = clock;
        this.calls = calls;
        this.lock = lock;
        this.condition = condition;
        this.start = clock.nanoTime();
        this.deadline = timeoutNanos <= 0 ? Long.MAX_VALUE : saturatedAdd(start, timeoutNanos);
    }

    /** {@code timeoutNanos} &lt;= 0 waits without a deadline (SO_RCVTIMEO 0). */
    public static BlockingWait start(LoopbackStack stack, Lock lock, Condition condition, long timeoutNanos) {
        return new BlockingWait(stack.clock(), stack.blockingCalls(), lock, condition, timeoutNanos);
    }

    /**
     * Parks once. Answers {@code null} when the caller should look again, WSAETIMEDOUT when the deadline passed,
     * WSAEINTR when the call was cancelled or the thread interrupted.
     */
    public WsaError park() {
        if (registration == null) {
            registration = calls.enter(lock, condition);
        }
        if (registration.cancelled) {
            return WsaError.WSAEINTR;
        }
        long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock.nanoTime();
        if (left <= 0) {
            return WsaError.WSAETIMEDOUT;
        }
        if (condition instanceof CountedCondition counted && lock instanceof ReentrantLock reentrant
                && counted.spinForSignal(reentrant)) {
            return registration.cancelled ? WsaError.WSAEINTR : null;
        }
        try {
            clock.awaitNanos(lock, condition, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WsaError.WSAEINTR;
        }
        return registration.cancelled ? WsaError.WSAEINTR : null;
    }

    /** How long this call has waited so far, on the provider's clock. */
    public long waitedNanos() {
        return clock.nanoTime() - start;
    }

    public void end() {
        if (registration != null) {
            calls.exit(registration);
            registration = null;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE - 1 : r;
    }
}
