package io.jwsp.spi.kit.wait;

import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.time.TimeSource;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * One blocking call's wait: parks on the socket's condition through the provider's {@link TimeSource} (never a bare
 * {@code Condition.await}, so a virtual clock sees the thread), registered in the {@link BlockingCalls} so a cancel
 * or a close ends it with WSAEINTR, and bounded by an optional deadline (WSAETIMEDOUT). The caller holds the lock,
 * re-checks its own condition after every {@link #park}, and calls {@link #end} in a finally block.
 * {@link BlockingCall} wraps this in the usual attempt-and-wait loop.
 */
public final class BlockingWait {
    /**
     * Bound (to true) around a call that must not park: every wait of it answers WSAEWOULDBLOCK at once, as in
     * nonblocking mode, whatever the socket's own mode. An AcceptEx worker accepts so, after its select, so that a
     * connection another thread took meanwhile sends it back to its (abortable) select instead of into an accept
     * only the next connection or a close would end.
     */
    public static final ScopedValue<Boolean> NEVER_PARK = ScopedValue.newInstance();

    private final TimeSource clock;
    private final BlockingCalls calls;
    private final Object socket;
    private final Lock lock;
    private final Condition condition;
    private final SpinBeforePark spin;
    private final long start;
    private final long deadline;
    private BlockingCalls.Registration registration;

    private BlockingWait(TimeSource clock, BlockingCalls calls, Object socket, Lock lock, Condition condition,
                         SpinBeforePark spin, long timeoutNanos) {
        this.clock = clock;
        this.calls = calls;
        this.socket = socket;
        this.lock = lock;
        this.condition = condition;
        this.spin = spin;
        this.start = clock.nanoTime();
        this.deadline = timeoutNanos <= 0 ? Long.MAX_VALUE : saturatedAdd(start, timeoutNanos);
    }

    /**
     * Starts a wait of a call on {@code socket} (the registry's key for closesocket). {@code timeoutNanos} &lt;= 0
     * waits without a deadline (SO_RCVTIMEO 0).
     */
    public static BlockingWait start(TimeSource clock, BlockingCalls calls, Object socket, Lock lock,
                                     Condition condition, SpinBeforePark spin, long timeoutNanos) {
        return new BlockingWait(clock, calls, socket, lock, condition, spin == null ? SpinBeforePark.NONE : spin,
                timeoutNanos);
    }

    /**
     * Parks once. Answers {@code null} when the caller should look again, WSAETIMEDOUT when the deadline passed,
     * WSAEINTR when the call was cancelled, its socket closed, or the thread interrupted, WSAEWOULDBLOCK at once
     * under {@link #NEVER_PARK}.
     */
    public WsaError park() {
        if (NEVER_PARK.orElse(false)) {
            return WsaError.WSAEWOULDBLOCK;
        }
        if (registration == null) {
            registration = calls.enter(socket, lock, condition);
        }
        if (registration.interrupted()) {
            return WsaError.WSAEINTR;
        }
        long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - clock.nanoTime();
        if (left <= 0) {
            return WsaError.WSAETIMEDOUT;
        }
        if (spin.spinForSignal(lock, condition)) {
            return registration.interrupted() ? WsaError.WSAEINTR : null;
        }
        try {
            clock.awaitNanos(lock, condition, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WsaError.WSAEINTR;
        }
        return registration.interrupted() ? WsaError.WSAEINTR : null;
    }

    /** How long this call has waited so far, on the provider's clock. */
    public long waitedNanos() {
        return clock.nanoTime() - start;
    }

    /** Leaves the cancel registry; idempotent. */
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
