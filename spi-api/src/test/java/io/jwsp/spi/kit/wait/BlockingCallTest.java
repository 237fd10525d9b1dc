package io.jwsp.spi.kit.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwsp.spi.kit.state.SocketState;
import io.jwsp.spi.kit.state.SocketStatus;
import io.jwsp.spi.result.WsaError;
import io.jwsp.spi.result.WspResult;
import io.jwsp.spi.time.VirtualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockingCallTest {
    private final VirtualClock clock = new VirtualClock();
    private final BlockingCalls calls = new BlockingCalls();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final SocketStatus status = new SocketStatus();
    private final Object socket = new Object();
    private final BlockingCall call = new BlockingCall(clock, calls, socket, lock, changed, status, null);
    private volatile boolean ready;

    private WspResult<Integer> attempt() {
        return ready ? WspResult.ok(1) : null;
    }

    private CompletableFuture<WspResult<Integer>> blockInBackground(long timeoutNanos) throws Exception {
        CompletableFuture<WspResult<Integer>> f = CompletableFuture.supplyAsync(() -> {
            lock.lock();
            try {
                return call.run(false, timeoutNanos, this::attempt);
            } finally {
                lock.unlock();
            }
        });
        clock.awaitWaiters(1, Duration.ofSeconds(10));
        return f;
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Test
    void nonblocking_answersWouldBlockWithoutWaiting() {
        lock.lock();
        try {
            assertEquals(WsaError.WSAEWOULDBLOCK, call.run(true, 0, this::attempt).error());
        } finally {
            lock.unlock();
        }
        assertEquals(0, clock.waiters());
    }

    @Test
    void aChangeLetsTheAttemptFinish() throws Exception {
        CompletableFuture<WspResult<Integer>> f = blockInBackground(0);
        ready = true;
        signal();
        assertEquals(1, f.get(10, TimeUnit.SECONDS).value());
        assertFalse(calls.isParked(Thread.currentThread()));
    }

    @Test
    void theDeadlineOnTheClockIsWSAETIMEDOUT() throws Exception {
        CompletableFuture<WspResult<Integer>> f = blockInBackground(5_000_000_000L);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(WsaError.WSAETIMEDOUT, f.get(10, TimeUnit.SECONDS).error());
    }

    @Test
    void cancelBlockingCall_isWSAEINTR_andOnlyForAParkedThread() throws Exception {
        assertFalse(calls.cancel(Thread.currentThread()), "nothing parked");
        Thread[] parked = new Thread[1];
        CompletableFuture<WspResult<Integer>> f = CompletableFuture.supplyAsync(() -> {
            parked[0] = Thread.currentThread();
            lock.lock();
            try {
                return call.run(false, 0, this::attempt);
            } finally {
                lock.unlock();
            }
        });
        clock.awaitWaiters(1, Duration.ofSeconds(10));
        assertTrue(calls.cancel(parked[0]));
        assertEquals(WsaError.WSAEINTR, f.get(10, TimeUnit.SECONDS).error());
    }

    @Test
    void aCloseWhileWaiting_isWSAEINTR_evenOnAnotherCondition() throws Exception {
        CompletableFuture<WspResult<Integer>> f = blockInBackground(0);
        lock.lock();
        try {
            status.moveTo(SocketState.CLOSING);
        } finally {
            lock.unlock();
        }
        calls.interruptAll(socket);
        assertEquals(WsaError.WSAEINTR, f.get(10, TimeUnit.SECONDS).error());
    }

    @Test
    void aCallOnAClosingSocket_isWSAENOTSOCK() {
        status.moveTo(SocketState.CLOSING);
        lock.lock();
        try {
            assertEquals(WsaError.WSAENOTSOCK, call.run(false, 0, this::attempt).error());
        } finally {
            lock.unlock();
        }
    }

    private CompletableFuture<Boolean> awaitUntilInBackground() throws Exception {
        CompletableFuture<Boolean> f = CompletableFuture.supplyAsync(() -> {
            lock.lock();
            try {
                return call.awaitUntil(clock.nanoTime() + 30_000_000_000L, () -> ready);
            } finally {
                lock.unlock();
            }
        });
        clock.awaitWaiters(1, Duration.ofSeconds(10));
        return f;
    }

    @Test
    void awaitUntil_endsAtTheDeadline_orWhenDone() throws Exception {
        CompletableFuture<Boolean> timedOut = awaitUntilInBackground();
        clock.advance(Duration.ofSeconds(30));
        assertFalse(timedOut.get(10, TimeUnit.SECONDS));
        CompletableFuture<Boolean> delivered = awaitUntilInBackground();
        ready = true;
        signal();
        assertTrue(delivered.get(10, TimeUnit.SECONDS));
    }

    private CompletableFuture<WsaError> lingerInBackground(Thread[] closer) throws Exception {
        CompletableFuture<WsaError> f = CompletableFuture.supplyAsync(() -> {
            closer[0] = Thread.currentThread();
            lock.lock();
            try {
                return call.lingerUntil(clock.nanoTime() + 30_000_000_000L, () -> ready);
            } finally {
                lock.unlock();
            }
        });
        clock.awaitWaiters(1, Duration.ofSeconds(10));
        return f;
    }

    @Test
    void lingerUntil_isDeliveredTimedOutOrCancelled() throws Exception {
        Thread[] closer = new Thread[1];
        CompletableFuture<WsaError> timedOut = lingerInBackground(closer);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(WsaError.WSAETIMEDOUT, timedOut.get(10, TimeUnit.SECONDS));
        CompletableFuture<WsaError> cancelled = lingerInBackground(closer);
        assertTrue(calls.cancel(closer[0]), "a lingering close is a blocking call WSPCancelBlockingCall can end");
        assertEquals(WsaError.WSAEINTR, cancelled.get(10, TimeUnit.SECONDS));
        CompletableFuture<WsaError> delivered = lingerInBackground(closer);
        ready = true;
        signal();
        assertNull(delivered.get(10, TimeUnit.SECONDS));
    }
}
