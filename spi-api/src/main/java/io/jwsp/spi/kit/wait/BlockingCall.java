package io.jwsp.spi.kit.wait;

import io.jwsp.spi.kit.state.SocketStatus;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.TimeSource;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;

/**
 * The one blocking-call loop: attempt; if the attempt cannot finish yet, WSAEWOULDBLOCK on a nonblocking socket,
 * else wait ({@link BlockingWait}) and attempt again. A close of the socket while the caller waited ends the call
 * with WSAEINTR (DESIGN: blocked callers return WSAEINTR), as does WSPCancelBlockingCall; a deadline passed is
 * WSAETIMEDOUT. Every method runs with the socket's lock held.
 */
public final class BlockingCall {
    /** One try of the call under the lock: its answer, or {@code null} to wait for a change and try again. */
    @FunctionalInterface
    public interface Attempt<T> {
        WspResult<T> attempt();
    }

    private final TimeSource clock;
    private final BlockingCalls calls;
    private final Object socket;
    private final Lock lock;
    private final Condition condition;
    private final SocketStatus status;
    private final SpinBeforePark spin;

    public BlockingCall(TimeSource clock, BlockingCalls calls, Object socket, Lock lock, Condition condition,
                        SocketStatus status, SpinBeforePark spin) {
        this.clock = clock;
        this.calls = calls;
        this.socket = socket;
        this.lock = lock;
        this.condition = condition;
        this.status = status;
        this.spin = spin;
    }

    /**
     * Runs {@code attempt} until it answers, waiting between tries. The first try on a closing socket answers
     * WSAENOTSOCK; a close seen after a wait answers WSAEINTR.
     *
     * @param nonBlocking  FIONBIO or event select: answer WSAEWOULDBLOCK instead of waiting
     * @param timeoutNanos SO_RCVTIMEO / SO_SNDTIMEO in nanoseconds; &lt;= 0 waits without a deadline
     */
    public <T> WspResult<T> run(boolean nonBlocking, long timeoutNanos, Attempt<T> attempt) {
        BlockingWait wait = null;
        try {
            while (true) {
                if (status.isClosing()) {
                    return WspResult.fail(wait == null ? WsaError.WSAENOTSOCK : WsaError.WSAEINTR);
                }
                WspResult<T> r = attempt.attempt();
                if (r != null) {
                    return r;
                }
                if (nonBlocking) {
                    return WspResult.fail(WsaError.WSAEWOULDBLOCK);
                }
                if (wait == null) {
                    wait = BlockingWait.start(clock, calls, socket, lock, condition, spin, timeoutNanos);
                }
                WsaError stop = wait.park();
                if (stop != null) {
                    return WspResult.fail(status.isClosing() ? WsaError.WSAEINTR : stop);
                }
            }
        } finally {
            if (wait != null) {
                wait.end();
            }
        }
    }

    /**
     * closesocket's linger wait as a blocking call: until {@code delivered} holds ({@code null}), the deadline passes
     * (WSAETIMEDOUT), or WSPCancelBlockingCall names the closing thread (WSAEINTR). Lock held.
     */
    public WsaError lingerUntil(long deadlineNanos, BooleanSupplier delivered) {
        long left = deadlineNanos - clock.nanoTime();
        if (delivered.getAsBoolean()) {
            return null;
        }
        if (left <= 0) {
            return WsaError.WSAETIMEDOUT;
        }
        BlockingWait wait = BlockingWait.start(clock, calls, socket, lock, condition, spin, left);
        try {
            while (!delivered.getAsBoolean()) {
                WsaError stop = wait.park();
                if (stop != null) {
                    return delivered.getAsBoolean() ? null : stop;
                }
            }
            return null;
        } finally {
            wait.end();
        }
    }

    /**
     * Waits, without an attempt of its own, until {@code done} holds or {@code deadlineNanos} (on the clock) passes:
     * the linger wait of closesocket. Answers whether {@code done} held. Not registered for cancel: closesocket's
     * own wait ends only by its deadline.
     */
    public boolean awaitUntil(long deadlineNanos, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            long left = deadlineNanos - clock.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                clock.awaitNanos(lock, condition, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return true;
    }
}
